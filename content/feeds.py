"""The news feed (RSS 2.0) served at /actualites/flux/ by the news index."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone


class NewsFeed(Feed):
    """The latest live, public news items of one news index, newest first."""

    limit = 20

    def get_object(self, request, index):
        self.request = request
        return index

    def title(self, index):
        return "Actualités de l’OCCE"

    def link(self, index):
        return index.get_url(self.request)

    def description(self, index):
        return index.introduction or "Les dernières actualités de l’OCCE."

    def items(self, index):
        return index.children_queryset()[: self.limit]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        midnight = datetime.datetime.combine(item.publication_date, datetime.time.min)
        return timezone.make_aware(midnight)

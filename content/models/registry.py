"""The content page types in the order of the search facets, and queries across them."""

from django.db.models import Q, prefetch_related_objects
from wagtail.models import Page

from content.models.base import listing_image_prefetch
from content.models.pages import (
    ArticlePage,
    DepartmentalAssociationPage,
    EventPage,
    NewsPage,
    ProjectPage,
    ResourcePage,
    ReviewPage,
    StandardPage,
    WebinarPage,
)

# The facet order of the current site: Ressources, Projets, Revues, Webinaires,
# Articles, Actualités, Événements, Pages, Ass. départementales.
CONTENT_PAGE_TYPES = (
    ResourcePage,
    ProjectPage,
    ReviewPage,
    WebinarPage,
    ArticlePage,
    NewsPage,
    EventPage,
    StandardPage,
    DepartmentalAssociationPage,
)

PAGE_TYPE_BY_SLUG = {model.facet_slug: model for model in CONTENT_PAGE_TYPES}


def related_pages_for(page, themes, limit=3):
    """Up to `limit` live public pages sharing one of `themes` with `page`, newest first, in
    one query (plus one per distinct type among the few found, to load them as specific
    pages, and one for their images)."""
    theme_ids = [theme.pk for theme in themes]
    if not theme_ids:
        return []
    sharing = Q()
    for model in CONTENT_PAGE_TYPES:
        through = model.themes.through
        sharing |= Q(
            pk__in=through.objects.filter(theme_id__in=theme_ids).values(f"{model._meta.model_name}_id")
        )
    related = list(
        Page.objects.live()
        .public()
        .filter(sharing)
        .exclude(pk=page.pk)
        .order_by("-first_published_at", "-pk")
        .specific()[:limit]
    )
    prefetch_related_objects(related, listing_image_prefetch())
    return related

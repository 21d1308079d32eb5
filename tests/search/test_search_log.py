"""The search log of Wagtail's promotions report: only queries that found something, at a
capped rate per client, cleaned by the scheduled garbage collection."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from search import log

pytestmark = pytest.mark.django_db


def logged():
    return sorted(Query.objects.values_list("query_string", flat=True))


def test_a_query_that_found_nothing_is_not_recorded(client, corpus):
    client.get("/recherche/", {"q": "Jean Dupont xylophone"})
    client.get("/recherche/", {"q": "école"})
    assert logged() == ["école"]


def test_each_client_records_a_capped_number_of_queries(client, many_news, monkeypatch):
    monkeypatch.setattr(log, "LOGGED_PER_CLIENT", 3)
    for n in range(5):
        client.get("/recherche/", {"q": f"Coopérative {n:02d}"}, REMOTE_ADDR="192.0.2.1")
    assert len(logged()) == 3
    client.get("/recherche/", {"q": "Coopérative 10"}, REMOTE_ADDR="192.0.2.2")
    assert len(logged()) == 4


def test_the_scheduled_garbage_collection_forgets_old_queries_but_not_promoted_ones(client, many_news):
    assert any(job["command"] == "searchpromotions_garbage_collect" for job in settings.SCHEDULED_JOBS)
    client.get("/recherche/", {"q": "Coopérative 01"})
    client.get("/recherche/", {"q": "Coopérative 02"})
    SearchPromotion.objects.create(query=Query.get("Coopérative 02"), page=many_news[2], sort_order=0)
    max_age = getattr(settings, "WAGTAILSEARCH_HITS_MAX_AGE", 7)
    QueryDailyHits.objects.update(date=timezone.now().date() - datetime.timedelta(days=max_age + 1))
    client.get("/recherche/", {"q": "Coopérative 03"})
    call_command("searchpromotions_garbage_collect", stdout=io.StringIO())
    assert logged() == ["coopérative 02", "coopérative 03"]
    assert QueryDailyHits.objects.get().query.query_string == "coopérative 03"

"""Every search statement runs under settings.SEARCH_STATEMENT_TIMEOUT: past it, the results
page asks to simplify the query, never an error page."""

import pytest
from django.db import connection

from search.engines.base import DocumentEngine
from search.timeout import SearchTimeout, time_limit

pytestmark = pytest.mark.django_db

# A statement that runs for seconds on either database.
SLOW = {
    "postgresql": "SELECT pg_sleep(5)",
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000) "
    "SELECT count(*) FROM n",
}


def slow_statement():
    with connection.cursor() as cursor:
        cursor.execute(SLOW[connection.vendor])


def test_a_statement_past_the_limit_is_stopped(settings):
    settings.SEARCH_STATEMENT_TIMEOUT = 0.2
    with pytest.raises(SearchTimeout), time_limit():
        slow_statement()
    with connection.cursor() as cursor:  # the connection still works
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_a_quick_statement_is_not(settings):
    settings.SEARCH_STATEMENT_TIMEOUT = 2
    with time_limit(), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_the_results_page_asks_to_simplify_the_query(client, settings, monkeypatch, corpus):
    settings.SEARCH_STATEMENT_TIMEOUT = 0.2
    engine_class = type(__import__("search.engines", fromlist=["engine"]).engine())
    original = engine_class.search

    def slow_search(self, *args, **kwargs):
        slow_statement()
        return original(self, *args, **kwargs)

    monkeypatch.setattr(engine_class, "search", slow_search)
    response = client.get("/recherche/", {"q": '"conseil de coopérative" -école'})
    assert response.status_code == 200
    assert response.context["results"].timed_out
    html = response.content.decode()
    assert "a pris trop de temps" in html
    assert "Simplifiez-la" in html
    assert "no-store" in response["Cache-Control"]
    assert issubclass(engine_class, DocumentEngine)

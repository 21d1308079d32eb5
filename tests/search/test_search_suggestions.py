"""Suggestions as you type: /recherche/suggestions/?q=… answers JSON, cacheable."""

import datetime

import pytest

from content.models import NewsPage, ResourcePage
from search import suggestions as suggestions_module
from tests.factories import make_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_pages(home_page):
    day = datetime.date(2025, 1, 1)
    pages = {}
    for number, (model, title, summary) in enumerate(
        [
            (ResourcePage, "La coopérative scolaire", "Créer une coopérative."),
            (NewsPage, "Coopérer en classe", "La coopération au quotidien."),
            (ResourcePage, "Le conseil de coopérative", "Un conseil par semaine."),
            (ResourcePage, "Jardiner", "La coopération au jardin, avec la coopérative."),
            (NewsPage, "Chanter ensemble", "La chorale."),
        ]
    ):
        pages[title] = make_content(
            model,
            home_page,
            title=title,
            summary=summary,
            publication_date=day + datetime.timedelta(days=number),
        )
    return pages


def ask(client, q):
    response = client.get("/recherche/suggestions/", {"q": q})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response


def test_titles_come_first_then_frequent_words(client, site_pages):
    data = ask(client, "coo").json()
    assert data["q"] == "coo"
    labels = [item["label"] for item in data["suggestions"]]
    pages = [item for item in data["suggestions"] if "url" in item]
    words = [item["label"] for item in data["suggestions"] if "url" not in item]
    # Titles holding a word that starts with "coo", newest first, each with its address.
    assert [item["label"] for item in pages] == [
        "Le conseil de coopérative",
        "Coopérer en classe",
        "La coopérative scolaire",
    ]
    assert pages[0]["url"] == site_pages["Le conseil de coopérative"].url
    assert labels[: len(pages)] == [item["label"] for item in pages]
    assert {"coopérative", "coopération", "coopérer"} <= set(words)
    assert "chanter" not in words
    assert len(labels) <= suggestions_module.LIMIT


def test_prefix_is_case_and_accent_insensitive(client, site_pages):
    assert ask(client, "COO").json()["suggestions"] == ask(client, "coo").json()["suggestions"]
    assert ask(client, "coopé").json()["suggestions"] == ask(client, "coope").json()["suggestions"]


def test_the_earlier_words_of_the_query_are_required(client, site_pages):
    data = ask(client, "conseil coo").json()
    assert [item["label"] for item in data["suggestions"] if "url" in item] == ["Le conseil de coopérative"]
    assert "conseil coopérative" in [item["label"] for item in data["suggestions"]]


def test_at_most_eight(client, home_page):
    for number in range(12):
        make_content(ResourcePage, home_page, title=f"Coopérative {number}", summary=f"Coopérer {number}.")
    assert len(ask(client, "coop").json()["suggestions"]) == 8


def test_too_short_or_unknown_gives_nothing(client, site_pages):
    assert ask(client, "c").json()["suggestions"] == []
    assert ask(client, "").json()["suggestions"] == []
    assert ask(client, "zzz").json()["suggestions"] == []


def test_an_unpublished_page_is_no_longer_suggested(client, site_pages):
    site_pages["Chanter ensemble"].unpublish()
    assert ask(client, "chan").json()["suggestions"] == []


def test_suggestions_are_cacheable_with_the_search_key(client, site_pages, settings):
    response = ask(client, "coo")
    assert "public" in response["Cache-Control"]
    assert "search" in response[settings.CACHE_KEYS_HEADER].split()
    assert not response.cookies

"""Counts per type from the lexicon (search/lexicon.py, `StemCountByType`): a one-word query,
one negated word and a browse are counted without reading every page that holds the word, and
give the same counts as counting in the index, whatever editors did to the pages."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, Site

from content.models import ArticlePage, NewsPage, ResourcePage, StandardPage
from search.engines import engine
from search.engines.base import DocumentEngine
from search.lexicon import ALL_PAGES, STEM_TYPE_TABLE, StemCountByType
from search.models import SearchDocument
from search.request import SearchRequest
from tests.factories import make_content, make_page

WORDS = ["coopérative", "conseil", "élèves", "jardin", "chorale", "théâtre", "laïcité", "kermesse"]
MODELS = [ArticlePage, NewsPage, ResourcePage, StandardPage]
QUERIES = ["", *WORDS, "coopératives", "-jardin", "-conseil", "conseil jardin", '"conseil jardin"', "zzz"]


def text(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def counts(site_root_path, query, exclude_ids=(), stored=True, monkeypatch=None):
    search = SearchRequest(query=query, per_page=5)
    if not stored:
        monkeypatch.setattr(DocumentEngine, "holds_only", staticmethod(lambda path: False))
    try:
        return engine().search(search, site_root_path=site_root_path, exclude_ids=exclude_ids).counts
    finally:
        if not stored:
            monkeypatch.undo()


def assert_same_counts(home, monkeypatch, exclude_ids=()):
    for query in QUERIES:
        from_lexicon = counts(home.path, query, exclude_ids)
        from_index = counts(home.path, query, exclude_ids, stored=False, monkeypatch=monkeypatch)
        assert from_lexicon == from_index, query


def stored_rows():
    return set(StemCountByType.objects.values_list("stem", "content_type_id", "doc_count"))


@pytest.mark.parametrize("seed", [1, 2])
def test_counts_from_the_lexicon_follow_every_change_of_the_pages(home_page, monkeypatch, seed):
    """Publications, edits, unpublications, deletions and a move out of the site, in a random
    order: after each, the lexicon's counts are those of the index, and a rebuild finds the
    same counts per type."""
    rng = random.Random(seed)
    pages = [
        make_content(rng.choice(MODELS), home_page, title=text(rng, 2), summary=text(rng, 4))
        for _ in range(12)
    ]
    elsewhere = Page.get_first_root_node().add_child(instance=Page(title="Hors site", slug="hors-site"))
    assert_same_counts(home_page, monkeypatch)
    for step in range(12):
        page = rng.choice(pages).specific
        page.refresh_from_db()
        action = step % 4
        if action == 0:  # an edit, published
            page.title, page.summary = text(rng, 2), text(rng, 5)
            page.save_revision().publish()
        elif action == 1 and page.live:
            page.unpublish()
        elif action == 2:  # a new page, then one deleted
            pages.append(
                make_content(rng.choice(MODELS), home_page, title=text(rng, 2), summary=text(rng, 3))
            )
            pages.remove(page)
            page.delete()
        elif page.live:  # out of every site: it leaves the search
            page.move(elsewhere, pos="last-child")
            pages.remove(page)
        assert_same_counts(home_page, monkeypatch)
    tracked = stored_rows()
    assert sum(n for stem, _type, n in tracked if stem == ALL_PAGES) == SearchDocument.objects.count()
    engine().lexicon.recount()
    assert stored_rows() == tracked


def test_promoted_pages_are_taken_out_of_the_stored_counts(client, home_page, monkeypatch):
    """A promoted page is left out of the engine's counts (the view counts it once, above the
    list): from the lexicon, only the promoted pages that match are taken out."""
    news = make_content(NewsPage, home_page, title="Coopérative du mois", summary="La coopérative.")
    other = make_content(ResourcePage, home_page, title="Jardin", summary="Un jardin.")
    make_content(ResourcePage, home_page, title="Coopérative et jardin", summary="Les deux.")
    assert_same_counts(home_page, monkeypatch, exclude_ids=[news.pk, other.pk])
    promotion_query = Query.get("coopérative")
    SearchPromotion.objects.create(query=promotion_query, page=news, sort_order=0)
    SearchPromotion.objects.create(query=promotion_query, page=other, sort_order=1)
    results = client.get("/recherche/", {"q": "coopérative"}).context["results"]
    assert results.total == 3  # the two that match (one of them promoted), and the other promoted


def test_one_word_is_counted_from_the_lexicon_and_two_words_in_the_index(home_page):
    make_content(NewsPage, home_page, title="Conseil de coopérative", summary="Le conseil.")
    for query, from_lexicon in [
        ("conseil", True),
        ("-conseil", True),
        ("", True),
        ("conseil coopérative", False),
    ]:
        with CaptureQueriesContext(connection) as queries:
            counts(home_page.path, query)
        read_lexicon = any(STEM_TYPE_TABLE in each["sql"] for each in queries.captured_queries)
        assert read_lexicon is from_lexicon, query


def test_with_another_site_outside_this_one_the_index_counts(client, home_page, settings):
    """The lexicon counts every document; with a second site beside this one, its pages must
    not be counted here: the search then counts in the index, under this site's root."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "autre.example"]
    make_content(NewsPage, home_page, title="Coopérative d’ici")
    other_root = Page.get_first_root_node().add_child(instance=Page(title="Autre site", slug="autre"))
    Site.objects.create(hostname="autre.example", root_page=other_root)
    make_page(NewsPage, other_root, title="Coopérative d’ailleurs")
    assert not engine().holds_only(home_page.path)
    assert sum(counts(home_page.path, "coopérative").values()) == 1
    assert sum(counts(other_root.path, "coopérative").values()) == 1
    assert StemCountByType.objects.filter(stem=ALL_PAGES).values_list("doc_count", flat=True).get() == 2


def test_deleting_a_site_takes_its_pages_out_of_the_search(home_page, settings):
    other_root = Page.get_first_root_node().add_child(instance=Page(title="Autre site", slug="autre"))
    site = Site.objects.create(hostname="autre.example", root_page=other_root)
    make_page(NewsPage, other_root, title="Coopérative d’ailleurs")
    make_content(NewsPage, home_page, title="Coopérative d’ici")
    site.delete()
    assert engine().holds_only(home_page.path)
    assert sum(counts(home_page.path, "coopérative").values()) == 1

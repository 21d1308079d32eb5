"""Pagination of the search, hostile or odd input, query counts, promotions, engines."""

import dataclasses
import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from content.models import ArticlePage, NewsPage, ResourcePage
from search.engines import PostgresEngine, SQLiteEngine, WagtailEngine, engine
from search.forms import SearchForm
from search.lexicon import STEM_TYPE_TABLE
from search.models import SearchDocument
from search.request import SearchRequest, search_type
from tests.factories import make_content

pytestmark = pytest.mark.django_db


def titles(response):
    return [page.title for page in response.context["results"].results]


def test_twenty_results_a_page_with_labelled_links_that_keep_the_query(client, many_news):
    response = client.get("/recherche/", {"q": "coopérative", "type": "actualites", "tri": "date", "page": 2})
    html = response.content.decode()
    assert titles(response) == [f"Coopérative {n:02d}" for n in range(24, 4, -1)]
    keep = "q=coop%C3%A9rative&amp;type=actualites&amp;tri=date"
    assert (
        f'href="?{keep}&amp;page=1"><span aria-hidden="true">«</span><span class="visually-hidden">Première page</span>'
        in html
    )
    assert (
        f'href="?{keep}&amp;page=1" rel="prev"><span aria-hidden="true">‹</span><span class="visually-hidden">Page précédente</span>'
        in html
    )
    assert (
        f'href="?{keep}&amp;page=2" aria-current="page"><span class="visually-hidden">Page courante </span>2</a>'
        in html
    )
    assert f'href="?{keep}&amp;page=3"><span class="visually-hidden">Page </span>3</a>' in html
    assert (
        f'href="?{keep}&amp;page=3" rel="next"><span aria-hidden="true">›</span><span class="visually-hidden">Page suivante</span>'
        in html
    )
    assert (
        f'href="?{keep}&amp;page=3"><span aria-hidden="true">»</span><span class="visually-hidden">Dernière page</span>'
        in html
    )


def test_sort_links_offer_the_other_order_and_keep_the_type(client, many_news):
    response = client.get("/recherche/", {"q": "coopérative", "type": "actualites", "page": 2})
    links = response.context["results"].sort_links
    assert [(link.label, link.selected) for link in links] == [("pertinence", True), ("date", False)]
    html = response.content.decode()
    assert '<strong aria-current="true">pertinence</strong>' in html
    assert '<a href="?q=coop%C3%A9rative&amp;type=actualites&amp;tri=date">date</a>' in html
    by_date = client.get("/recherche/", {"q": "coopérative", "tri": "date"}).content.decode()
    assert '<a href="?q=coop%C3%A9rative">pertinence</a>' in by_date
    assert '<strong aria-current="true">date</strong>' in by_date
    single = client.get("/recherche/", {"q": "Coopérative 07"})
    assert single.context["results"].sort_links == []
    assert "Trier par" not in single.content.decode()


def test_the_form_gives_one_frozen_search_request():
    search = SearchForm(
        {"q": " école\x00 coop ", "type": "actualites", "tri": "date", "page": "3"}
    ).search_request()
    assert search == SearchRequest(query="école coop", type=search_type("actualites"), order="date", page=3)
    assert (search.offset, search.content_type_id) == (40, search_type("actualites").content_type_id)
    with pytest.raises(dataclasses.FrozenInstanceError):
        search.page = 1
    assert SearchForm({}).search_request() == SearchRequest()


def test_no_pagination_for_a_single_page(client, many_news):
    response = client.get("/recherche/", {"q": "Coopérative 07"})
    assert not response.context["results"].page_obj.has_other_pages()
    assert 'class="pagination"' not in response.content.decode()


BAD_PAGE_NUMBERS = [
    ("0", 1),
    ("-1", 1),
    ("abc", 1),
    ("1e9", 1),
    ("", 1),
    ("3", 3),
    ("4", 3),
    ("99999999999999999999", 3),
]


def test_bad_page_numbers_show_the_first_page_and_past_the_end_the_last(client, many_news):
    for raw, shown in BAD_PAGE_NUMBERS:
        response = client.get("/recherche/", {"q": "coopérative", "page": raw})
        assert response.status_code == 200, raw
        assert response.context["results"].page_obj.number == shown, raw
        assert response.context["search"].page == shown, raw


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "!!! ??? ...",
        "& | ! : * ( ) ' \" \\ < > ~ -",
        "école\x00coopérative",
        "école 😀 学校 مدرسة",
        "<script>alert('x')</script>",
        "le la les de des",
        "-école",
        '"conseil de coopérative"',
        "NEAR(école coopérative) OR title:école",
    ],
)
def test_odd_queries_never_fail_and_are_escaped(client, corpus, query):
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    if query.startswith("<script>"):
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_a_long_query_is_cut_to_200_characters_and_the_visitor_told(client, corpus):
    response = client.get("/recherche/", {"q": "coopérative " + "x" * 500})
    search = response.context["search"]
    assert search.query == "coopérative " + "x" * 188
    assert search.query_was_cut
    html = response.content.decode()
    assert "seuls ses 200 premiers caractères ont été pris en compte" in html
    assert 'value="coopérative ' + "x" * 188 + '" maxlength="200"' in html
    assert not client.get("/recherche/", {"q": "x" * 200}).context["search"].query_was_cut


def test_unknown_type_and_repeated_parameters_fall_back_gracefully(client, many_news):
    response = client.get("/recherche/?q=coop%C3%A9rative&type=inconnu&type=&page=1&page=x")
    assert response.context["search"].type is None
    assert response.context["search"].page == 1
    assert response.context["results"].selected_total == 45
    response = client.get("/recherche/?type=actualites&type=ressources")
    assert response.status_code == 200
    assert response.context["search"].type.slug == "ressources"


def test_query_count_is_fixed_whatever_the_number_of_results(
    client, home_page, django_assert_max_num_queries
):
    for n in range(3):
        make_content(ResourcePage, home_page, title=f"Coopérative ressource {n}")
        make_content(ArticlePage, home_page, title=f"Coopérative article {n}")
    client.get("/recherche/", {"q": "coopérative"})  # warm the content type cache
    # At most: the query's analysis (PostgreSQL); four relevance tiers, two statements each; the
    # time limit (a savepoint, SET LOCAL, its release); the correction (the largest stem count, the
    # word's own count, its neighbours).
    with django_assert_max_num_queries(32) as few:
        client.get("/recherche/", {"q": "coopérative", "page": 2})
    few_results = len(few.captured_queries)  # read now: the next request resets the query log
    for n in range(30):
        make_content(NewsPage, home_page, title=f"Coopérative actualité {n}")
    client.get("/recherche/", {"q": "coopérative"})  # the new news section changed the menu: re-cache it
    with django_assert_max_num_queries(few_results):
        client.get("/recherche/", {"q": "coopérative", "page": 2})


def test_promotions_come_first_under_their_heading_and_are_not_repeated(client, many_news):
    promoted = many_news[3]
    query = Query.get("coopérative")
    SearchPromotion.objects.create(
        query=query, page=promoted, description="La page à lire d’abord.", sort_order=0
    )
    response = client.get("/recherche/", {"q": "Coopérative"})
    assert [pick.page_id for pick in response.context["results"].promotions] == [promoted.pk]
    assert "Coopérative 03" not in titles(response)
    assert response.context["results"].selected_total == 45  # the promoted page counted once
    promotions, _ = response.content.decode().split('class="search-results"')
    assert '<h2 id="promotions-title">Nos suggestions</h2>' in promotions
    assert f'<a href="{promoted.url}">Coopérative 03</a>' in promotions


def test_queries_are_logged_for_the_promotions_report_without_personal_data(client, many_news):
    client.get("/recherche/", {"q": "Coopérative"})
    client.get("/recherche/", {"q": "coopérative", "page": 2})
    client.get("/recherche/", {"q": "jean.dupont@example.org"})
    client.get("/recherche/", {"q": "06 12 34 56 78"})
    assert list(Query.objects.values_list("query_string", flat=True)) == ["coopérative"]
    assert QueryDailyHits.objects.get().hits == 1


def test_wagtail_backend_engine_agrees_with_the_document_table(home_page, many_news, django_db_setup):
    search = SearchRequest(query="coopérative", type=search_type("actualites"), per_page=5)
    documents = engine().search(search, site_root_path=home_page.path)
    wagtail = WagtailEngine().search(search, site_root_path=home_page.path)
    assert isinstance(engine(), PostgresEngine | SQLiteEngine)
    assert wagtail.counts == documents.counts
    assert len(wagtail.page_ids) == 5


@override_settings(WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": "wagtail.search.backends.elasticsearch8"}})
def test_another_wagtail_backend_switches_the_engine_by_settings():
    assert isinstance(engine(), WagtailEngine)


@pytest.fixture
def tiered(home_page):
    """'kayak' in 25 titles, in 12 summaries only and in 8 bodies only."""
    start = datetime.date(2024, 1, 1)

    def add(n, title, summary, body):
        make_content(
            NewsPage,
            home_page,
            title=title,
            summary=summary,
            body=[("paragraph", f"<p>{body}</p>")],
            publication_date=start + datetime.timedelta(days=n),
        )

    for n in range(25):
        add(n, f"Kayak {n:02d}", "Sortie en rivière.", "Texte.")
    for n in range(12):
        add(n, f"Sortie {n:02d}", "Une journée de kayak.", "Texte.")
    for n in range(8):
        add(n, f"Journée {n:02d}", "Une journée.", "Nous avons fait du kayak.")


def test_relevance_pages_list_every_result_once(client, tiered):
    seen = []
    for page in (1, 2, 3):
        seen += titles(client.get("/recherche/", {"q": "kayak", "page": page}))
    assert len(seen) == 45
    assert len(set(seen)) == 45


def test_relevance_puts_title_then_summary_then_body_matches_newest_first(postgres_only, client, tiered):
    seen = []
    for page in (1, 2, 3):
        seen += titles(client.get("/recherche/", {"q": "kayak", "page": page}))
    assert seen == (
        [f"Kayak {n:02d}" for n in range(24, -1, -1)]
        + [f"Sortie {n:02d}" for n in range(11, -1, -1)]
        + [f"Journée {n:02d}" for n in range(7, -1, -1)]
    )


def test_the_wagtail_engine_cards_show_what_the_document_cards_show(home_page, many_news):
    ids = [page.pk for page in many_news[:3]]

    def shown(cards):
        return [(card.pk, card.title, card.summary, card.listing_date, card.type_label) for card in cards]

    assert shown(WagtailEngine().cards(ids)) == shown(engine().cards(ids))


def test_the_writer_follows_the_reader_another_backend_leaves_the_document_table(
    client, home_page, monkeypatch
):
    monkeypatch.setattr("search.engines.DOCUMENT_ENGINES", {})  # as under Elasticsearch
    assert isinstance(engine(), WagtailEngine)
    make_content(NewsPage, home_page, title="Coopérative publiée")
    assert not SearchDocument.objects.exists()
    output = io.StringIO()
    call_command("rebuild_search_documents", stdout=output)
    assert "tient son propre index" in output.getvalue()
    assert not SearchDocument.objects.exists()
    results = client.get("/recherche/", {"q": "coopérative"}).context["results"]
    assert [page.title for page in results.results] == ["Coopérative publiée"]


@pytest.mark.parametrize("query", ["coopérative", "vie coopérative"], ids=["lexicon", "index"])
def test_a_page_past_the_end_counts_once_then_fetches_the_last_page(client, many_news, query):
    """One word is counted from the lexicon's counts per type, two words in the index: once."""
    last = client.get("/recherche/", {"q": query}).context["results"].page_obj.paginator.num_pages
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/recherche/", {"q": query, "page": 999})
    results = response.context["results"]
    assert results.page_obj.number == last > 1
    assert results.results, "the last page shows its results"
    counts = [
        each["sql"]
        for each in queries.captured_queries
        if ("count(*)" in each["sql"] and "GROUP BY" in each["sql"]) or STEM_TYPE_TABLE in each["sql"]
    ]
    assert len(counts) == 1, counts


def test_pages_whose_title_is_the_query_come_first_across_pages(client, home_page):
    """More such pages than a page of results holds: the next page begins with the last of
    them, then the other matches; each result once."""
    start = datetime.date(2024, 1, 1)
    for n in range(23):
        make_content(
            NewsPage, home_page, title="Kayak de mer", publication_date=start + datetime.timedelta(days=n)
        )
    for n in range(10):
        make_content(
            NewsPage,
            home_page,
            title=f"Sortie en kayak de mer {n:02d}",
            summary="Kayak de mer, kayak de mer.",
            publication_date=start + datetime.timedelta(days=100 + n),
        )
    seen = []
    for page in (1, 2):
        seen += titles(client.get("/recherche/", {"q": "kayak de mer", "page": page}))
    assert seen[:23] == ["Kayak de mer"] * 23
    assert sorted(seen[23:]) == [f"Sortie en kayak de mer {n:02d}" for n in range(10)]

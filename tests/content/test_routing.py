"""Each app server remembers which page an address led to (content/routing.py): one query per
level of the address instead of two, and never a wrong page once an editor renames, moves or
deletes it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.models import ArticlePage, NewsIndexPage, NewsPage, StandardPage
from content.routing import forget_routes
from tests.factories import make_content, make_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_memory():
    forget_routes()
    yield
    forget_routes()


def leads_to(client, old_url, new_url):
    """The old address serves nothing there any more: not found, or Wagtail's redirect."""
    response = client.get(old_url)
    return response.status_code == 404 or (response.status_code == 301 and response["Location"] == new_url)


def page_tables_read(client, url):
    """The statements of a view that read a page's row (the routing and the breadcrumb)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [
        q["sql"]
        for q in queries
        if 'FROM "wagtailcore_page"' in q["sql"] or 'JOIN "wagtailcore_page"' in q["sql"]
    ]


def test_an_address_seen_before_is_routed_with_one_query_per_level(client, home_page):
    page = make_content(NewsPage, home_page, title="Semaine de la coopération")
    client.get(page.url)  # the site and the routes remembered
    reads = page_tables_read(client, page.url)
    # /actualites/ then /actualites/<slug>/, each read once in its specific form: the home page
    # comes with the site, and the breadcrumb is the route itself.
    assert len(reads) == 2, reads
    assert 'FROM "content_newsindexpage"' in reads[0] and 'FROM "content_newspage"' in reads[1]
    assert not any('"wagtailcore_page"."depth" >= 2' in sql for sql in reads), "breadcrumb read again"


def test_a_renamed_page_moves_to_its_new_address(client, home_page):
    page = make_content(NewsPage, home_page, title="Fête des coopératives")
    old_url = page.url
    assert client.get(old_url).status_code == 200
    page.slug = "fete-des-cooperatives-2027"
    page.save_revision().publish()
    assert leads_to(client, old_url, "/actualites/fete-des-cooperatives-2027/")
    response = client.get("/actualites/fete-des-cooperatives-2027/")
    assert response.status_code == 200
    assert "Fête des coopératives" in response.content.decode()


def test_a_deleted_page_gives_its_address_to_the_next_page_with_that_slug(client, home_page):
    first = make_page(StandardPage, home_page, title="Adhérer", slug="adherer")
    assert "Adhérer" in client.get("/adherer/").content.decode()
    first.delete()
    assert client.get("/adherer/").status_code == 404
    make_page(StandardPage, home_page, title="Adhérer à l'OCCE", slug="adherer")
    assert "Adhérer à l&#x27;OCCE" in client.get("/adherer/").content.decode()


def test_a_moved_page_is_found_at_its_new_place_only(client, home_page):
    section = make_page(StandardPage, home_page, title="Ressources pour les classes", slug="classes")
    page = make_page(StandardPage, section, title="Le conseil de coopérative", slug="conseil")
    other = make_page(StandardPage, home_page, title="Vie associative", slug="vie-associative")
    assert client.get("/classes/conseil/").status_code == 200
    page.move(other, pos="last-child")
    assert leads_to(client, "/classes/conseil/", "/vie-associative/conseil/")
    assert "Le conseil de coopérative" in client.get("/vie-associative/conseil/").content.decode()


def test_an_unpublished_page_is_not_found_even_when_remembered(client, home_page):
    page = make_content(ArticlePage, home_page, title="Article retiré")
    assert client.get(page.url).status_code == 200
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_the_breadcrumb_of_a_routed_page_names_its_ancestors(client, home_page):
    page = make_content(NewsPage, home_page, title="Rencontres départementales")
    client.get(page.url)
    html = client.get(page.url).content.decode()
    index = NewsIndexPage.objects.get()
    breadcrumb = html[html.index('aria-label="Fil d’Ariane"') :].split("</nav>")[0]
    assert home_page.title in breadcrumb and index.title in breadcrumb

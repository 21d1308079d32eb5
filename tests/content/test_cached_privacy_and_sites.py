"""The restricted pages' paths and the sites are kept in the shared cache (content/privacy.py,
content/site_cache.py): a page view asks the database nothing about them, and every change an
editor makes is seen by the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from content.models import NewsIndexPage, NewsPage, StandardPage
from tests.factories import make_content, make_index, make_page

pytestmark = pytest.mark.django_db


def restrict(page):
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def is_shown(client, page):
    response = client.get(page.url)
    return response.status_code == 200 and page.title in response.content.decode()


def test_a_page_made_private_after_a_view_asks_for_a_login(client, home_page):
    page = make_content(StandardPage, home_page, title="Compte rendu du conseil")
    assert is_shown(client, page)
    restriction = restrict(page)
    assert client.get(page.url).status_code == 302  # to the login page
    restriction.delete()
    assert is_shown(client, page)


def test_a_page_under_a_private_section_is_private_too(client, home_page):
    section = make_content(StandardPage, home_page, title="Espace adhérents")
    client.get(section.url)
    restrict(section)
    later = make_page(StandardPage, section, title="Publié après la restriction")
    assert client.get(later.url).status_code == 302


def test_a_private_page_moved_elsewhere_stays_private(client, home_page):
    private = make_content(StandardPage, home_page, title="Espace adhérents")
    other = make_content(StandardPage, home_page, title="Nous connaître")
    restrict(private)
    assert client.get(private.url).status_code == 302
    client.get(other.url)
    private.move(other, pos="last-child")
    private.refresh_from_db()
    assert client.get(private.url).status_code == 302


def test_an_alias_of_a_private_page_is_private(client, home_page):
    private = make_content(StandardPage, home_page, title="Espace adhérents")
    other = make_content(StandardPage, home_page, title="Nous connaître")
    restrict(private)
    client.get(other.url)
    alias = private.create_alias(parent=other, update_slug="espace-adherents-bis")
    assert client.get(alias.url).status_code == 302


def test_an_index_stops_listing_a_child_made_private(client, home_page):
    make_index(home_page, NewsPage)
    news = make_content(NewsPage, home_page, title="Une actualité bientôt privée")
    assert news.title in client.get("/actualites/").content.decode()
    restrict(news)
    assert news.title not in client.get("/actualites/").content.decode()
    assert NewsIndexPage.objects.get().children_queryset().count() == 0


def test_a_public_page_view_reads_neither_the_site_nor_the_restrictions(client, home_page):
    page = make_content(StandardPage, home_page, title="Notre mission")
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "wagtailcore_site" not in sql
    assert "wagtailcore_pageviewrestriction" not in sql


def test_a_site_given_its_public_address_is_used_at_once(client, home_page):
    page = make_content(StandardPage, home_page, title="Notre mission")
    client.get(page.url)
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "www.occe.coop", 443
    site.save()
    head = client.get(page.url).content.decode()
    assert f'<link rel="canonical" href="https://www.occe.coop{page.url}">' in head


def test_a_second_site_is_found_by_its_hostname(client, home_page, settings):
    settings.ALLOWED_HOSTS = ["*"]
    client.get("/")
    root = Page.objects.get(depth=1)
    other_home = root.add_child(
        instance=StandardPage(title="Autre site", slug="autre-site", summary="Un autre site.")
    )
    Site.objects.create(hostname="autre.example", port=80, root_page=other_home, site_name="Autre")
    response = client.get("/", HTTP_HOST="autre.example")
    assert response.context["page"].pk == other_home.pk
    assert client.get("/").context["page"].pk == home_page.pk

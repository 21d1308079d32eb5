"""The menus and the footer cost a fixed, small number of queries, and none once cached."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from content.models import MainMenu, StandardPage
from content.navigation.building import build_navigation
from content.navigation.cache import site_navigation
from tests.factories import (
    link,
    make_content,
    make_document,
    make_footer,
    make_image,
    make_main_menu,
    make_partner,
)
from tests.navigation.conftest import document_feature, entry, promo

pytestmark = pytest.mark.django_db


def menu_of_size(home_page, size):
    """A menu whose every list holds `size` items, each link to its own page."""
    pages = [make_content(StandardPage, home_page) for _ in range(size)]
    links = [link(f"Lien {n}", page=page) for n, page in enumerate(pages)]
    entries = [
        entry(
            f"Entrée {n}",
            links=links,
            page=pages[n],
            features=[
                promo("Promotion", image=make_image(), alt="Une image", links=links[:4]),
                document_feature("Document", make_document(), image=make_image(), alt="Icône"),
            ],
        )
        for n in range(min(size, 6))
    ]
    utility = [{"type": "link", "value": value} for value in links] + [
        {"type": "group", "value": {"label": f"Groupe {n}", "links": links}} for n in range(size)
    ]
    MainMenu.objects.all().delete()
    make_main_menu(utility=utility, entries=entries)
    for n in range(size):
        make_partner(f"Partenaire {n}", url="https://example.org/")


def count_build_queries(request):
    site = Site.objects.get(is_default_site=True)
    build_navigation(site, request)  # renditions are created on the first build only
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        build_navigation(site, request)
    return len(queries)


def test_building_the_navigation_costs_the_same_for_a_small_and_a_large_menu(home_page):
    request = RequestFactory().get("/")
    make_footer(
        columns=[{"type": "column", "value": {"heading": "Colonne", "links": [link("x", url="/x/")]}}]
    )
    menu_of_size(home_page, 1)
    small = count_build_queries(request)
    menu_of_size(home_page, 8)
    large = count_build_queries(request)
    assert large == small
    # One per chooser of the block schema, not per item, and one for the accessibility statement.
    assert large <= 17


def test_a_cached_navigation_costs_no_query(home_page, django_assert_num_queries):
    menu_of_size(home_page, 3)
    request = RequestFactory().get("/")
    request._wagtail_site = Site.objects.get(is_default_site=True)
    first = site_navigation(request)
    with django_assert_num_queries(0):
        assert site_navigation(request) == first


def test_a_page_view_costs_the_same_whatever_the_size_of_the_menu(client, home_page):
    page = make_content(StandardPage, home_page, title="Page mesurée")

    def count():
        client.get(page.url)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        return len(queries)

    menu_of_size(home_page, 1)
    small = count()
    menu_of_size(home_page, 6)
    assert count() == small

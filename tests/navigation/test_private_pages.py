"""Menus link to public pages only: a page made private (a view restriction on it or on an
ancestor) leaves the header, the mega-menu's promotions and the footer at once, and comes
back when the restriction is removed (issue 14, point 9)."""

from unittest import mock

import pytest
from django.db import transaction
from wagtail.models import PageViewRestriction

from content.models import StandardPage
from httpcache import purge
from httpcache.keys import NAVIGATION
from tests.factories import link, make_content, make_footer, make_main_menu, make_page
from tests.navigation.conftest import entry, promo

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    """A section, a page under it, each linked from the header, a promotion and the footer."""
    section = make_content(StandardPage, home_page, title="Espace adhérents", show_in_menus=False)
    inner = make_page(StandardPage, section, title="Comptes rendus")
    make_main_menu(
        utility=[{"type": "link", "value": link("Adhérents", page=section)}],
        entries=[
            entry(
                "Vie du réseau",
                page=section,
                links=[link("Les comptes rendus", page=inner)],
                features=[promo("À la une", links=[link("Lire les comptes rendus", page=inner)])],
            )
        ],
    )
    make_footer(
        columns=[
            {
                "type": "column",
                "value": {"heading": "Réseau", "links": [link("Nos comptes rendus", page=inner)]},
            }
        ]
    )
    return section, inner


def hrefs_of(client):
    navigation = client.get("/").context["navigation"]
    menu, footer = navigation["menu"], navigation["footer"]
    found = [item["href"] for item in menu["utility"]]
    for item in menu["entries"]:
        found += [item["href"], *(link["href"] for link in item["links"])]
        for feature in item["features"]:
            found += [link["href"] for link in feature.get("links", [])]
    for column in footer["columns"]:
        found += [link["href"] for link in column["links"]]
    return [href for href in found if href]


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret-du-reseau"
    )


def test_a_page_made_private_leaves_every_menu_at_once(client, pages):
    section, inner = pages
    assert inner.url in hrefs_of(client)  # cached now
    assert inner.url in client.get("/").content.decode()
    restriction = restrict(inner)
    assert inner.url not in hrefs_of(client)
    assert inner.url not in client.get("/").content.decode()  # nor in a cached fragment
    assert section.url in hrefs_of(client)
    restriction.delete()
    assert hrefs_of(client).count(inner.url) == 3  # header, promotion, footer: back


def test_a_restriction_on_an_ancestor_hides_its_descendants(client, pages):
    section, inner = pages
    assert section.url in hrefs_of(client)
    restrict(section)
    assert hrefs_of(client) == []
    html = client.get("/").content.decode()
    assert f'href="{section.url}"' not in html and f'href="{inner.url}"' not in html


def test_a_login_restriction_counts_too(client, pages):
    section, inner = pages
    hrefs_of(client)
    PageViewRestriction.objects.create(page=inner, restriction_type=PageViewRestriction.LOGIN)
    assert inner.url not in hrefs_of(client)


def test_making_a_page_private_purges_the_navigation_key(pages, django_capture_on_commit_callbacks):
    section, inner = pages
    with (
        mock.patch.object(purge, "bump_versions") as bump,
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        restrict(inner)
    assert all(NAVIGATION in call.args[0] for call in bump.call_args_list)
    assert bump.call_count == 2  # at once, and after the commit

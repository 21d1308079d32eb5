"""The cached navigation is rebuilt when what it shows changes, and only then."""

import pytest
from django.core.cache import cache
from wagtail.models import Site

from content.models import NewsPage, StandardPage
from content.navigation.cache import cache_key
from tests.factories import link, make_content, make_index, make_main_menu, make_page
from tests.navigation.conftest import entry

pytestmark = pytest.mark.django_db


def cached():
    return cache.get(cache_key(Site.objects.get(is_default_site=True).pk))


def test_publishing_a_news_item_keeps_the_cached_navigation(client, seed_menu, home_page):
    make_index(home_page, NewsPage)
    client.get("/")
    assert cached() is not None
    make_content(NewsPage, home_page, title="Une actualité de plus")
    assert cached() is not None


def test_renaming_an_ancestor_of_a_linked_page_updates_its_address(client, home_page):
    about = make_content(StandardPage, home_page, title="Nous connaître")
    network = make_page(StandardPage, about, title="Notre réseau")
    branches = make_page(StandardPage, network, title="Nos antennes")
    make_main_menu(entries=[entry("Réseau", links=[link("Nos antennes", page=branches)])])
    assert 'href="/nous-connaitre/notre-reseau/nos-antennes/"' in client.get("/").content.decode()
    network.slug = "reseau"
    network.save_revision().publish()
    assert 'href="/nous-connaitre/reseau/nos-antennes/"' in client.get("/").content.decode()


def test_publishing_a_page_linked_while_it_was_a_draft_shows_the_link(client, home_page):
    draft = make_content(StandardPage, home_page, title="Bientôt", publish=False)
    deep = make_page(StandardPage, make_content(StandardPage, home_page), title="Plus tard", publish=False)
    make_main_menu(
        entries=[entry("Rubrique", links=[link("Bientôt", page=draft), link("Plus tard", page=deep)])]
    )
    html = client.get("/").content.decode()
    assert ">Bientôt</a>" not in html and ">Plus tard</a>" not in html
    deep.save_revision().publish()
    assert ">Plus tard</a>" in client.get("/").content.decode()


def test_a_new_section_appears_in_the_fallback_menu(client, home_page):
    client.get("/")
    make_content(StandardPage, home_page, title="Nous soutenir", show_in_menus=True)
    assert ">Nous soutenir</a>" in client.get("/").content.decode()


def test_the_feed_link_appears_once_the_news_index_is_published(client, home_page):
    assert "application/rss+xml" not in client.get("/").content.decode()
    make_index(home_page, NewsPage)
    assert 'href="/actualites/flux/"' in client.get("/").content.decode()


def test_moving_a_linked_page_updates_its_address(client, home_page):
    about = make_content(StandardPage, home_page, title="Nous connaître")
    other = make_content(StandardPage, home_page, title="Nous rejoindre")
    mission = make_page(StandardPage, about, title="Notre mission")
    make_main_menu(entries=[entry("Rubrique", links=[link("Notre mission", page=mission)])])
    client.get("/")
    mission.move(other, pos="last-child")
    assert 'href="/nous-rejoindre/notre-mission/"' in client.get("/").content.decode()

"""Publishing purges exactly the keys concerned, through a task, and drops the cached fragments
that showed them."""

import http.server
import threading

import pytest
from wagtail.models import Page, Site

from content.models import ArticlePage, NewsPage, StandardPage, Theme
from httpcache import purge
from httpcache.purge import page_change_keys
from tests.factories import link, make_content, make_index, make_main_menu

pytestmark = pytest.mark.django_db


def test_a_new_news_item_purges_its_lists_and_nothing_else(home_page):
    theme = Theme.objects.first()
    news = make_content(NewsPage, home_page, themes=[theme])
    keys = page_change_keys(news)
    index = news.get_parent()
    assert keys == {f"page-{news.pk}", f"children-{index.pk}", "list-newspage", f"theme-{theme.pk}",
                    "sitemap", "search"}  # fmt: skip


def test_a_page_the_menu_links_to_purges_the_navigation(home_page):
    article = make_content(ArticlePage, home_page)
    assert "navigation" not in page_change_keys(article)
    make_main_menu(utility=[{"type": "link", "value": link("Un article", page=article)}])
    assert "navigation" in page_change_keys(article)
    # Sections, children of the home page, are in the menus too.
    assert "navigation" in page_change_keys(article.get_parent())


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.received.append((self.path, {name.lower(): value for name, value in self.headers.items()}))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def varnish(settings):
    server = http.server.HTTPServer(("127.0.0.1", 18350), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    PurgeRecorder.received = []
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "httpcache.backends.VarnishBackend", "LOCATION": "http://127.0.0.1:18350"}
    }
    yield PurgeRecorder.received
    server.shutdown()
    server.server_close()


def test_publishing_enqueues_one_purge_of_its_keys_and_address(
    home_page, varnish, django_capture_on_commit_callbacks
):
    make_index(home_page, NewsPage)
    with django_capture_on_commit_callbacks(execute=True):
        news = make_content(NewsPage, home_page, title="Une annonce")
    key_requests = [headers for path, headers in varnish if "xkey-softpurge" in headers]
    assert len(key_requests) == 1
    assert set(key_requests[0]["xkey-softpurge"].split()) == page_change_keys(news)
    assert (news.url,) in [(path,) for path, headers in varnish if "xkey-softpurge" not in headers]


def test_the_task_sends_keys_in_chunks(varnish):
    keys = [f"page-{number}" for number in range(250)]
    assert purge.purge.call(keys, []) == 1
    assert [len(headers["xkey-softpurge"].split()) for _, headers in varnish] == [100, 100, 50]


def test_a_cached_card_changes_when_its_page_is_published(client, home_page):
    news = make_content(NewsPage, home_page, title="Premier titre")
    index_url = news.get_parent().url
    first = client.get(index_url)
    assert "Premier titre" in first.content.decode()
    again = client.get(index_url)
    assert again["xkey"] == first["xkey"]  # a fragment used again still names what it shows
    news.title = "Titre corrigé"
    news.save_revision().publish()
    html = client.get(index_url).content.decode()
    assert "Titre corrigé" in html and "Premier titre" not in html
    assert "Titre corrigé" in client.get("/").content.decode()


def test_a_renamed_theme_changes_the_filters(client, home_page):
    news = make_content(NewsPage, home_page)
    index_url = news.get_parent().url
    client.get(index_url)
    theme = Theme.objects.first()
    theme.name = "Un thème renommé"
    theme.save()
    assert "Un thème renommé" in client.get(index_url).content.decode()


def test_each_site_has_its_own_header_and_footer(client, home_page, settings):
    """The header, partners and footer fragments are kept per site: another site's menu is
    never shown, even where both would mark the same link as current."""
    settings.ALLOWED_HOSTS = ["*"]
    other_home = Page.objects.get(depth=1).add_child(
        instance=StandardPage(title="Autre site", slug="autre-site", summary="Un autre site.")
    )
    other = Site.objects.create(hostname="autre.example", port=80, root_page=other_home, site_name="Autre")
    make_main_menu(utility=[{"type": "link", "value": link("Espace d’ici", url="/ici/")}])
    make_main_menu(other, utility=[{"type": "link", "value": link("Espace d’ailleurs", url="/ailleurs/")}])
    here = client.get("/").content.decode()
    assert "Espace d’ici" in here
    elsewhere = client.get("/", HTTP_HOST="autre.example").content.decode()
    assert "Espace d’ailleurs" in elsewhere and "Espace d’ici" not in elsewhere
    assert "Espace d’ici" in client.get("/").content.decode()

"""Search engines and readers find the live public pages: sitemap, robots.txt, plan du site,
news feed. Drafts and private pages never appear."""

import datetime
import re

import pytest
from defusedxml import ElementTree
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from content.models import ArticlePage, NewsPage, StandardPage
from tests.factories import make_content, make_index, make_page

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def tree(home_page):
    """Public, draft and private pages, and a public page under a private one."""
    about = make_content(StandardPage, home_page, title="Nous connaître")
    mission = make_page(StandardPage, about, title="Notre mission")
    draft = make_content(StandardPage, home_page, title="Page en brouillon", publish=False)
    private = make_content(StandardPage, home_page, title="Espace adhérents")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    hidden_child = make_page(StandardPage, private, title="Sous-page réservée")
    news = make_content(NewsPage, home_page, title="Une actualité publique")
    private_news = make_content(NewsPage, home_page, title="Une actualité réservée")
    PageViewRestriction.objects.create(page=private_news, restriction_type="login")
    draft_news = make_content(NewsPage, home_page, title="Une actualité en brouillon", publish=False)
    return {
        "public": [home_page, about, mission, news],
        "hidden": [draft, private, hidden_child, private_news, draft_news],
    }


def sitemap_locations(client):
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    section_urls = [loc.text for loc in index.findall("sm:sitemap/sm:loc", SITEMAP_NS)]
    assert section_urls == ["http://testserver/sitemap-pages.xml"]
    sitemap = ElementTree.fromstring(client.get("/sitemap-pages.xml").content)
    return {
        url.find("sm:loc", SITEMAP_NS).text: url.find("sm:lastmod", SITEMAP_NS)
        for url in sitemap.findall("sm:url", SITEMAP_NS)
    }


def test_the_sitemap_lists_live_public_pages_with_their_last_publication(client, tree):
    locations = sitemap_locations(client)
    for page in tree["public"]:
        assert page.get_full_url() in locations
    for page in tree["public"][1:]:  # the home page of the data migration was never published
        assert locations[page.get_full_url()] is not None  # lastmod
    for page in tree["hidden"]:
        assert page.get_full_url() not in locations
    news = tree["public"][-1]
    # The sitemap writes dates in the site's time zone (Paris), not in UTC: around midnight they differ.
    published = timezone.localtime(news.last_published_at).date()
    assert locations[news.get_full_url()].text.startswith(published.isoformat())


def test_robots_txt_points_to_the_sitemap(client, home_page):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Sitemap: http://localhost/sitemap.xml" in text  # the default Site record's address
    assert "Disallow: /admin/" in text


def test_robots_txt_names_the_sites_public_address_whatever_the_host_header(client, home_page, settings):
    settings.ALLOWED_HOSTS = ["*"]
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "www.occe.coop", 443
    site.save()
    text = client.get("/robots.txt", HTTP_HOST="autre.example").content.decode()
    assert "Sitemap: https://www.occe.coop/sitemap.xml" in text


def test_the_site_map_page_shows_the_tree_of_live_public_pages(client, tree):
    response = client.get("/plan-du-site/")
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert "<h1>Plan du site</h1>" in main
    home, about, mission, _news = tree["public"]
    assert re.search(
        rf'<a href="{about.url}">Nous connaître</a>\s*<ul class="site-map__list">\s*'
        rf'<li><a href="{mission.url}">Notre mission</a></li>',
        main,
    )
    assert main.index(about.title) < main.index(mission.title)
    assert f'<a href="{mission.url}">Notre mission</a>' in main
    assert f'<a href="{make_index(home, NewsPage).url}">Actualités</a>' in main
    for page in tree["hidden"]:
        assert page.title not in main


def test_the_site_map_leaves_section_items_to_their_index(client, tree):
    """Each news item, resource… is listed by its section's index, with pagination."""
    html = client.get("/plan-du-site/").content.decode()
    assert "Une actualité publique" not in html[html.index("<main") : html.index("</main>")]


def test_the_site_map_has_a_title_and_a_breadcrumb(client, home_page):
    html = client.get("/plan-du-site/").content.decode()
    assert "<title>Plan du site | OCCE</title>" in html
    assert 'aria-current="page">Plan du site</a>' in html


# --- News feed --------------------------------------------------------------------------------


def feed_items(client, url="/actualites/flux/"):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


def test_the_feed_lists_the_news_newest_first(client, home_page):
    today = datetime.date.today()
    for days, title in ((30, "Ancienne"), (1, "Récente"), (10, "Moyenne")):
        make_content(NewsPage, home_page, title=title, publication_date=today - datetime.timedelta(days))
    channel, items = feed_items(client)
    assert channel.findtext("title") == "Actualités de l’OCCE"
    assert [item.findtext("title") for item in items] == ["Récente", "Moyenne", "Ancienne"]
    assert items[0].findtext("link") == "http://testserver/actualites/recente/"
    assert items[0].findtext("description") == "Un résumé de test."


def test_the_feed_leaves_out_drafts_and_private_news(client, tree):
    _channel, items = feed_items(client)
    assert [item.findtext("title") for item in items] == ["Une actualité publique"]


def test_every_page_links_to_the_feed(client, home_page):
    index = make_index(home_page, NewsPage)
    article = make_content(ArticlePage, home_page)
    link = (
        '<link rel="alternate" type="application/rss+xml" title="Actualités de l’OCCE" '
        'href="/actualites/flux/">'
    )
    for url in ("/", index.url, article.url, "/plan-du-site/"):
        assert link in client.get(url).content.decode()


def test_the_feed_and_the_news_index_do_not_load_the_bodies(client, home_page):
    for number in range(3):
        make_content(NewsPage, home_page, title=f"Actualité {number}", body=[("paragraph", "<p>Long</p>")])
    for url in ("/actualites/flux/", "/actualites/", "/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        body_column = connection.ops.quote_name("body")
        news_queries = [q["sql"] for q in queries if "content_newspage" in q["sql"]]
        assert news_queries, url
        assert not [sql for sql in news_queries if body_column in sql], url


def test_the_news_index_still_lists_its_news(client, home_page):
    make_content(NewsPage, home_page, title="Toujours listée")
    response = client.get("/actualites/")
    assert response.status_code == 200
    assert "Toujours listée" in response.content.decode()

"""Absolute URLs (share images, the logo, the JSON-LD, canonical addresses) come from the
Site's root URL, never from the Host header of the request that happened to build the cached
navigation (issue 14, point 10)."""

import pytest

from content.models import NewsPage, SeoSettings
from tests.factories import make_content, make_image, make_index

pytestmark = pytest.mark.django_db

EVIL = "evil.example"


@pytest.fixture
def any_host(settings):
    """A Host header Django lets through (a proxy that passes it on, ALLOWED_HOSTS too wide):
    Wagtail then serves the default site."""
    settings.ALLOWED_HOSTS = ["*"]


@pytest.fixture
def seo_settings(home_page):
    return SeoSettings.objects.create(
        site_id=home_page.get_site().pk,
        organization_logo=make_image(title="Logo"),
        default_share_image=make_image(title="Partage", width=1600, height=900),
    )


def test_a_foreign_host_rebuilding_the_navigation_leaves_no_trace(client, home_page, seo_settings, any_host):
    make_index(home_page, NewsPage)
    news = make_content(NewsPage, home_page, title="Une actualité")
    root_url = home_page.get_site().root_url
    # The foreign request comes first: it builds the navigation cache and the fragments.
    for path in ("/", news.url, "/recherche/"):
        assert client.get(path, HTTP_HOST=EVIL).status_code == 200
    for path in ("/", news.url, "/recherche/", "/actualites/"):
        html = client.get(path).content.decode()
        assert EVIL not in html, path
    home = client.get("/")
    seo = home.context["navigation"]["seo"]
    assert seo["logo_url"].startswith(f"{root_url}/media/images/")
    assert seo["default_image"]["url"].startswith(f"{root_url}/media/images/")
    assert home.context["navigation"]["site_url"] == f"{root_url}/"


def test_the_share_image_and_canonical_of_a_view_use_the_site_address(
    client, home_page, seo_settings, any_host
):
    page = make_content(NewsPage, home_page, title="Une actualité illustrée", listing_image=make_image())
    root_url = home_page.get_site().root_url
    meta = client.get(page.url, HTTP_HOST=EVIL).context["meta"]
    assert meta["image"]["url"].startswith(f"{root_url}/media/images/")
    search_meta = client.get("/recherche/", HTTP_HOST=EVIL).context["meta"]
    assert search_meta["canonical"] == f"{root_url}/recherche/"

"""Every kind of URL gets the Cache-Control of httpcache/policy.py: public for anonymous views
of the public site, with its surrogate keys, no cookie and no Vary on Cookie or language;
private and unstored for the admin, previews, the newsletter's pages and logged-in users."""

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from wagtail.models import PageViewRestriction

from content.models import (
    ArticlePage,
    DepartmentalAssociationPage,
    EventPage,
    NewsPage,
    ProjectPage,
    ResourcePage,
    ReviewPage,
    StandardPage,
    Theme,
    WebinarPage,
)
from newsletter import tokens
from newsletter.models import Subscriber
from tests.factories import make_content, make_image, make_main_menu, make_page, make_partner

pytestmark = pytest.mark.django_db

PUBLIC = "public, max-age=60, s-maxage=86400"
PRIVATE = "private, no-store"


@pytest.fixture
def site_content(home_page):
    theme = Theme.objects.first()
    pages = {
        model: make_content(model, home_page, themes=[theme], listing_image=make_image())
        for model in (
            ArticlePage,
            NewsPage,
            ResourcePage,
            ProjectPage,
            ReviewPage,
            WebinarPage,
            EventPage,
            DepartmentalAssociationPage,
        )
    }
    pages[StandardPage] = make_page(StandardPage, home_page, title="Notre mission")
    make_partner("Partenaire")
    make_main_menu()
    return pages


def public_urls(pages):
    urls = ["/", "/recherche/", "/recherche/?q=test&type=actualites", "/plan-du-site/", "/robots.txt",
            "/sitemap.xml", "/sitemap-pages.xml", "/actualites/flux/", "/page-qui-n-existe-pas/",
            f"{pages[EventPage].url}ics/"]  # fmt: skip
    for page in pages.values():
        urls += [page.url, page.get_parent().url]
    urls += ["/actualites/?page=2", "/ressources/?theme=citoyennete", "/pres-de-chez-vous/?q=93"]
    return urls


def private_urls(pages):
    subscriber = Subscriber.objects.create(email="lecteur@example.org")
    return [
        "/admin/",
        "/admin/login/",
        f"/admin/pages/{pages[NewsPage].pk}/edit/",
        f"/admin/pages/{pages[NewsPage].pk}/view_draft/",
        "/newsletter/",
        "/newsletter/merci/",
        f"/newsletter/confirmer/{tokens.confirm_token(subscriber)}/",
        "/newsletter/confirmer/jeton-invalide/",
        f"/newsletter/desinscription/{tokens.unsubscribe_token(subscriber)}/",
        "/sante/",
    ]


def assert_public(response, url):
    assert response["Cache-Control"] == PUBLIC, url
    assert not response.cookies, url
    vary = response.get("Vary", "").lower()
    assert "cookie" not in vary and "accept-language" not in vary, url


def test_anonymous_public_views_are_cacheable_by_a_shared_cache(client, site_content):
    for url in public_urls(site_content):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert_public(response, url)
        assert client.head(url)["Cache-Control"] == PUBLIC, url


def test_private_views_are_never_stored(client, admin_client, site_content):
    for url in private_urls(site_content):
        for who in (client, admin_client):
            response = who.get(url)
            assert response["Cache-Control"] == PRIVATE, (url, response.status_code)
            assert "xkey" not in response, url


def test_every_response_to_a_logged_in_user_is_private(admin_client, site_content):
    for url in public_urls(site_content):
        response = admin_client.get(url)
        assert response["Cache-Control"] == PRIVATE, url
        assert "xkey" not in response, url


def test_posts_are_private(client):
    response = client.post("/newsletter/", {"email": "a@example.org", "consent": "on"})
    assert response["Cache-Control"] == PRIVATE


def test_a_restricted_page_is_private(client, site_content):
    page = site_content[ArticlePage]
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302
    assert response["Cache-Control"] == PRIVATE


def test_the_footer_signup_form_leaves_pages_cacheable(client, site_content):
    response = client.get("/")
    assert 'id="footer-newsletter-email"' in response.content.decode()
    assert "csrftoken" not in response.cookies
    assert_public(response, "/")


@override_settings(CACHE_MAX_AGE=5, CACHE_SHARED_MAX_AGE=3600)
def test_lifetimes_come_from_settings(client, home_page):
    assert client.get("/")["Cache-Control"] == "public, max-age=5, s-maxage=3600"


def test_a_response_names_what_it_shows(client, site_content, home_page):
    news = site_content[NewsPage]
    keys = set(client.get("/")["xkey"].split())
    assert {
        f"page-{home_page.pk}",
        f"page-{news.pk}",
        "list-newspage",
        "navigation",
        "partners",
        "settings",
    } <= keys

    keys = set(client.get(news.get_parent().url)["xkey"].split())
    assert {f"page-{news.get_parent().pk}", f"children-{news.get_parent().pk}", f"page-{news.pk}"} <= keys

    response = client.get(news.url)
    keys = set(response["xkey"].split())
    theme = news.themes.first()
    assert {f"page-{news.pk}", f"page-{home_page.pk}", f"theme-{theme.pk}", "navigation"} <= keys
    # Related pages share its theme: their cards are named.
    assert response.context["related_pages"]
    assert {f"page-{page.pk}" for page in response.context["related_pages"]} <= keys

    assert "children-" in client.get("/actualites/flux/")["xkey"]
    assert "sitemap" in client.get("/sitemap.xml")["xkey"].split()
    assert "search" in client.get("/recherche/?q=test")["xkey"].split()


def test_signing_in_and_out_tells_the_browser_to_forget_the_pages_it_kept(
    client, django_user_model, home_page
):
    editor = django_user_model.objects.create_user("redactrice", password="un-mot-de-passe-long")
    editor.groups.add(Group.objects.get(name="Editors"))
    assert "Clear-Site-Data" not in client.get("/")  # an anonymous page view keeps the cache

    signed_in = client.post("/admin/login/", {"username": "redactrice", "password": "un-mot-de-passe-long"})
    assert signed_in.status_code == 302 and "_auth_user_id" in client.session
    assert signed_in["Clear-Site-Data"] == '"cache"'

    signed_out = client.post("/admin/logout/")
    assert signed_out["Clear-Site-Data"] == '"cache"'
    assert "_auth_user_id" not in client.session

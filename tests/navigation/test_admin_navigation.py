"""Editors change the menus, the footer, the partners and the redirects from the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from content.models import Footer, MainMenu, StandardPage
from tests.factories import make_content, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("redaction", "redaction@example.org", "x")
    sign_in(client, user)
    return client


def listblock(items):
    """ListBlock form data, as the admin posts it."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index), "id": ""}
        for index, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def nav_link(label, page=None, url=""):
    return {"label": label, "page": str(page.pk) if page else "", "url": url}


def no_image():
    return {"image": "", "alt_text": "", "decorative": ""}


def menu_form_data(entry_label, page):
    return nested_form_data(
        {
            "site": str(Site.objects.get(is_default_site=True).pk),
            "utility_links": streamfield([("link", nav_link("Nous contacter", url="/contact/"))]),
            "entries": streamfield(
                [
                    (
                        "entry",
                        {
                            "label": entry_label,
                            "page": "",
                            "links": listblock([nav_link("Notre mission", page=page)]),
                            "features": streamfield(
                                [
                                    (
                                        "promo",
                                        {
                                            "image": no_image(),
                                            "kicker": "",
                                            "title": "Les agendas coopératifs",
                                            "text": "Des outils illustrés.",
                                            "links": listblock([nav_link("Cycle 1", url="/c1/")]),
                                        },
                                    )
                                ]
                            ),
                        },
                    )
                ]
            ),
        }
    )


def test_the_admin_menu_leads_to_navigation_partners_redirects_and_seo_settings(editor_client):
    sidebar = editor_client.get("/admin/").content.decode()
    for url in (
        reverse("wagtailsnippets_content_mainmenu:list"),
        reverse("wagtailsnippets_content_footer:list"),
        reverse("wagtailsnippets_content_partner:list"),
        reverse("wagtailredirects:index"),
        reverse("wagtailsettings:edit", args=["content", "seosettings"]),
    ):
        assert url in sidebar
        assert editor_client.get(url, follow=True).status_code == 200
    for model_name in ("mainmenu", "footer"):
        form = editor_client.get(reverse(f"wagtailsnippets_content_{model_name}:add"))
        assert form.status_code == 200
        assert "Aperçu" in form.content.decode() or "preview" in form.content.decode()


def test_an_editor_saves_a_draft_then_publishes_it(editor_client, client, home_page):
    page = make_content(StandardPage, home_page, title="Notre mission")
    add_url = reverse("wagtailsnippets_content_mainmenu:add")
    response = editor_client.post(add_url, menu_form_data("Rubrique de l’éditeur", page))
    assert response.status_code == 302, response.content.decode()[:2000]
    menu = MainMenu.objects.get()
    assert not menu.live
    assert "Rubrique de l’éditeur" not in client.get("/").content.decode()

    edit_url = reverse("wagtailsnippets_content_mainmenu:edit", args=[menu.pk])
    data = menu_form_data("Rubrique de l’éditeur", page)
    data["action-publish"] = "action-publish"
    assert editor_client.post(edit_url, data).status_code == 302
    html = client.get("/").content.decode()
    assert "Rubrique de l’éditeur" in html
    assert f'<a href="{page.url}">Notre mission</a>' in html
    assert "Les agendas coopératifs" in html


def test_the_preview_shows_the_menu_being_edited(editor_client, home_page):
    page = make_content(StandardPage, home_page, title="Notre mission")
    preview_url = reverse("wagtailsnippets_content_mainmenu:preview_on_add")
    response = editor_client.post(preview_url, menu_form_data("Rubrique en aperçu", page))
    assert response.json()["is_valid"]
    html = editor_client.get(preview_url).content.decode()
    assert "Rubrique en aperçu" in html
    assert "Aperçu" in html
    assert not MainMenu.objects.exists()


def test_a_second_menu_for_the_same_site_is_refused(editor_client, home_page):
    page = make_content(StandardPage, home_page, title="Notre mission")
    add_url = reverse("wagtailsnippets_content_mainmenu:add")
    editor_client.post(add_url, menu_form_data("Premier", page))
    response = editor_client.post(add_url, menu_form_data("Second", page))
    assert response.status_code == 200  # the form again, with its error
    assert MainMenu.objects.count() == 1


def test_an_editor_publishes_the_footer(editor_client, client, home_page):
    data = nested_form_data(
        {
            "site": str(Site.objects.get(is_default_site=True).pk),
            "partners_heading": "Ils nous accompagnent",
            "organization_name": "Office Central de la Coopération à l’École\nFédération Nationale",
            "street_address": "28 avenue Jean Lolive",
            "postal_code": "93500",
            "city": "Pantin",
            "social_links": streamfield(
                [
                    (
                        "social",
                        {"network": "youtube", "url": "https://www.youtube.com/@occe", "label": ""},
                    )
                ]
            ),
            "columns": streamfield(
                [
                    (
                        "column",
                        {
                            "heading": "Recrutement",
                            "links": listblock([nav_link("Postuler", url="/postuler/")]),
                        },
                    )
                ]
            ),
            "approval_statement": "Mention d’agrément.",
            "legal_links": streamfield([("link", nav_link("Plan du site", url="/plan-du-site/"))]),
            "copyright_holder": "OCCE",
            "action-publish": "action-publish",
        }
    )
    response = editor_client.post(reverse("wagtailsnippets_content_footer:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Footer.objects.get().live
    html = client.get("/").content.decode()
    assert '<span class="visually-hidden">YouTube</span>' in html
    assert "Recrutement" in html and '<a href="/postuler/">Postuler</a>' in html
    assert "Mention d’agrément." in html


def test_a_redirect_sends_an_old_address_to_its_new_page(client, home_page):
    page = make_content(StandardPage, home_page, title="Notre mission")
    Redirect.objects.create(old_path="/nous-connaitre/notre-mission", redirect_page=page)
    response = client.get("/nous-connaitre/notre-mission/")
    assert response.status_code == 301
    assert response["Location"].endswith(page.url)

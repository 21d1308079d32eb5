"""The admin: login guessing locked out, uploads checked, section permissions enforced."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, GroupPagePermission, Page

from content.models import ArticlePage, NewsPage
from tests.factories import make_content, make_document, make_index

pytestmark = pytest.mark.django_db
User = get_user_model()


def login(client, username, password):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR="203.0.113.7"
    )


@override_settings(AXES_ENABLED=True)
def test_login_guessing_locks_the_user_and_address_out_with_a_french_message(client):
    User.objects.create_user("redactrice", "r@example.org", "le-bon-mot-de-passe", is_staff=True)
    for _ in range(4):
        assert login(client, "redactrice", "mauvais").status_code == 200
    assert login(client, "redactrice", "mauvais").status_code == 429  # the fifth failure locks
    locked = login(client, "redactrice", "le-bon-mot-de-passe")
    assert locked.status_code == 429
    assert "Connexion temporairement bloquée" in locked.content.decode()
    # Another account from the same address is not locked out.
    User.objects.create_user("autre", "a@example.org", "autre-mot-de-passe", is_staff=True)
    assert login(client, "autre", "autre-mot-de-passe").status_code == 302
    # An administrator unlocks the account.
    call_command("axes_reset_username", "redactrice", stdout=io.StringIO())
    client.logout()
    assert login(client, "redactrice", "le-bon-mot-de-passe").status_code == 302


def png_bytes(width, height, mode="1"):
    buffer = io.BytesIO()
    PILImage.new(mode, (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(client, name, content, content_type="image/png"):
    return client.post(
        "/admin/images/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_an_image_of_too_many_pixels_is_refused(admin_client):
    response = upload_image(admin_client, "bombe.png", png_bytes(20_000, 20_000))
    assert response.status_code == 200
    assert "pixels" in response.content.decode()
    assert not Image.objects.exists()


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1000)
def test_an_image_over_the_size_cap_is_refused(admin_client):
    response = upload_image(admin_client, "grande.png", png_bytes(300, 300, "RGB") + b"\0" * 2000)
    assert response.status_code == 200
    assert not Image.objects.exists()


def test_svg_and_mismatched_image_types_are_refused(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert upload_image(admin_client, "logo.svg", svg, "image/svg+xml").status_code == 200
    assert upload_image(admin_client, "photo.jpg", png_bytes(50, 50, "RGB"), "image/jpeg").status_code == 200
    assert not Image.objects.exists()
    assert upload_image(admin_client, "photo.png", png_bytes(50, 50, "RGB")).status_code == 302
    assert Image.objects.count() == 1


def upload_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize("name", ["page.html", "script.js", "outil.exe", "image.svg"])
def test_documents_outside_the_allow_list_are_refused(admin_client, name):
    assert upload_document(admin_client, name, b"<script>alert(1)</script>").status_code == 200
    assert not Document.objects.exists()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1000)
def test_a_document_over_the_size_cap_is_refused(admin_client):
    assert upload_document(admin_client, "gros.pdf", b"%PDF-1.4\n" + b"0" * 2000).status_code == 200
    assert not Document.objects.exists()


def test_documents_a_browser_could_run_are_downloaded_not_shown(client):
    archive = make_document("Kit", "kit.zip", size=2048)
    response = client.get(archive.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_anonymous_visitors_reach_no_admin_view(client, home_page):
    for url in [
        "/admin/",
        f"/admin/pages/{home_page.pk}/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/users/",
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url


@pytest.fixture
def news_editor(client, home_page):
    """An editor whose group may edit and publish the news section only."""
    news_index = make_index(home_page, NewsPage)
    group = Group.objects.create(name="Rédaction des actualités")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ["add_page", "change_page", "publish_page"]:
        GroupPagePermission.objects.create(
            group=group,
            page=news_index,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    user = User.objects.create_user("journaliste", "j@example.org", "motdepasse", is_staff=True)
    user.groups.add(group)
    client.force_login(user)
    return client


def test_an_editor_limited_to_one_section_cannot_touch_another(news_editor, home_page):
    news = make_content(NewsPage, home_page)
    article = make_content(ArticlePage, home_page)
    assert news_editor.get(f"/admin/pages/{news.pk}/edit/").status_code == 200
    for url in [
        f"/admin/pages/{article.pk}/edit/",
        f"/admin/pages/{article.pk}/edit/preview/",
        f"/admin/pages/{article.pk}/copy/",
        f"/admin/pages/{article.pk}/history/",
        f"/admin/pages/{article.pk}/delete/",
        f"/admin/pages/{article.pk}/unpublish/",
    ]:
        response = news_editor.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] in ("/admin/", "/admin/login/"), url
    response = news_editor.post(
        f"/admin/pages/{article.pk}/copy/",
        {"new_title": "Copie", "new_slug": "copie", "new_parent_page": article.get_parent().pk},
    )
    assert response.status_code in (302, 403)
    assert not Page.objects.filter(slug="copie").exists()

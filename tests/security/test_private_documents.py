"""A document in a private collection is served only through Wagtail's document view, which
checks the restriction: never from /media/, even when Django serves the media (SERVE_MEDIA)."""

import importlib

import pytest
from django.urls import clear_url_caches
from wagtail.models import Collection, CollectionViewRestriction

import occe_site.urls
from tests.factories import make_document, make_image

pytestmark = pytest.mark.django_db


def reload_urls():
    importlib.reload(occe_site.urls)
    clear_url_caches()


@pytest.fixture
def media_served(settings):
    """occe_site/urls.py as on a single gunicorn host with SERVE_MEDIA=true."""
    settings.SERVE_MEDIA = True
    reload_urls()
    yield
    settings.SERVE_MEDIA = False
    reload_urls()


@pytest.fixture
def private_document():
    collection = Collection.get_first_root_node().add_child(name="Conseil d’administration")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = make_document("Compte rendu confidentiel", "compte-rendu.pdf")
    document.collection = collection
    document.save()
    return document


def test_wagtail_document_view_keeps_a_private_document_from_visitors(client, private_document):
    response = client.get(private_document.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_private_document_file_is_not_served_from_media(client, media_served, private_document):
    assert private_document.file.name.startswith("documents/")
    assert client.get(f"/media/{private_document.file.name}").status_code == 404


def test_a_public_document_is_not_served_from_media_either(client, media_served):
    document = make_document("Kit", "kit.pdf")
    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert client.get(document.url).status_code == 200


def test_images_are_still_served_from_media(client, media_served):
    image = make_image()
    response = client.get(f"/media/{image.file.name}")
    assert response.status_code == 200
    assert image.file.name.startswith("original_images/")


def test_documents_are_served_by_the_view_whatever_the_storage(settings):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"

"""Editors create, preview and schedule every page type from the Wagtail admin."""

import pytest
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from content.models import CONTENT_PAGE_TYPES, NewsPage, StandardPage
from tests.factories import make_content, make_index, sign_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", CONTENT_PAGE_TYPES, ids=lambda m: m.__name__)
def test_add_form_of_each_type_renders_in_french(admin_client, home_page, model):
    parent = home_page if model is StandardPage else make_index(home_page, model)
    response = admin_client.get(f"/admin/pages/add/content/{model._meta.model_name}/{parent.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Résumé" in html
    assert "Date de publication" in html


TYPE_FIELDS = {
    "WebinarPage": {"start": "2035-03-12 18:00", "duration_minutes": "90"},
    "EventPage": {"start": "2035-03-12 09:00", "end": "2035-03-12 17:00", "place": "Pantin"},
    "ReviewPage": {"issue_number": "N° 301-302", "period_label": "juillet-octobre 2024"},
    "DepartmentalAssociationPage": {
        "department_code": "93",
        "street_address": "28 avenue Jean Lolive",
        "postal_code": "93500",
        "city": "Pantin",
    },
}


def edit_form_data(page, title):
    """What the page editor posts for `page`, with a new title and an empty body."""
    data = {
        "title": title,
        "slug": page.slug,
        "summary": "Un résumé modifié.",
        "publication_date": "2025-11-27",
        "body": streamfield([]),
        "comments": inline_formset([]),
        **TYPE_FIELDS.get(type(page).__name__, {}),
    }
    if hasattr(page, "documents"):
        data["documents"] = inline_formset([])
    return nested_form_data(data)


class PreviewTests(WagtailPageTestCase):
    def test_every_content_type_is_previewable(self):
        superuser = self.create_superuser("apercu")
        home = Site.objects.get(is_default_site=True).root_page.specific
        for model in CONTENT_PAGE_TYPES:
            with self.subTest(model=model.__name__):
                page = make_content(model, home, title=f"Aperçu {model.type_label}")
                # A superuser gives the second factor too; the assertion signs out each time.
                sign_in(self.client, superuser)
                self.assertPageIsPreviewable(
                    page, post_data=edit_form_data(page, "Titre en aperçu"), user=superuser
                )
                self.assertPageIsRenderable(page)


def test_an_editor_schedules_a_news_item_for_later(admin_client, home_page):
    page = make_content(NewsPage, home_page, title="Annonce", publish=False)
    data = edit_form_data(page, "Annonce programmée")
    data.update({"go_live_at": "2035-01-15 08:00", "action-publish": "publish"})
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    revision = page.latest_revision
    assert revision.approved_go_live_at is not None
    assert revision.approved_go_live_at.year == 2035
    assert page.get_latest_revision_as_object().title == "Annonce programmée"

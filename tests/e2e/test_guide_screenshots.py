"""The editor's guide (docs/guide-redaction.md), walked in the admin on the demo content.

Each test follows one chapter of the guide as an editor or a member of staff does it, and
asserts what the guide says the admin shows (the field, the button, the date set, the saved
row). With GUIDE_SCREENSHOTS=1 it also writes the guide's pictures to docs/guide-redaction/
(1280 × 800 PNG, the visible part of the page); without it, as in CI, it only walks and checks,
so the tree stays clean. What a test changes in the demo it undoes.
"""

import base64
import io
import os
import re
import uuid
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from django_otp.oath import totp
from PIL import Image
from playwright.sync_api import expect
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, ModelLogEntry, Site

from contact.models import ContactPage, ContactSubmission
from content.models import (
    AccessibilityStatementPage,
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
)
from newsletter.exports import EXPORT_ACTION
from tests.factories import make_totp_device

from .conftest import PASSWORD, sign_in_with_password

GUIDE_DIR = Path(__file__).resolve().parents[2] / "docs" / "guide-redaction"
REDIRECTS_CSV = Path(__file__).resolve().parents[2] / "fixtures" / "redirects" / "anciennes-adresses.csv"
VIEWPORT = {"width": 1280, "height": 800}


def screenshot(page, name):
    """The picture of what the page shows now, for the guide, when GUIDE_SCREENSHOTS is set:
    the admin's flat colours fit a 128-colour palette, a third of the size of the capture."""
    if not os.environ.get("GUIDE_SCREENSHOTS"):
        return
    GUIDE_DIR.mkdir(parents=True, exist_ok=True)
    capture = page.screenshot(full_page=False, animations="disabled", caret="hide")
    picture = Image.open(io.BytesIO(capture)).convert("RGB")
    picture.quantize(colors=128, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        GUIDE_DIR / f"{name}.png", optimize=True
    )


@pytest.fixture
def admin_page(page):
    page.set_viewport_size(VIEWPORT)
    page.set_default_timeout(10_000)
    return page


@pytest.fixture(scope="module")
def superuser(demo_site, django_db_blocker):
    """An administrator of the site, who signs in with a second factor (set up already)."""
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_superuser(
            f"admin-guide-{uuid.uuid4().hex[:6]}", "admin-guide@example.org", PASSWORD
        )
        yield user, make_totp_device(user)
        user.delete()


def main_menu(page):
    return page.get_by_role("navigation", name="Menu principal")


def open_menu(page, section, item):
    main_menu(page).get_by_role("button", name=section).click()
    main_menu(page).get_by_role("link", name=item, exact=True).click()


# --- Pages -------------------------------------------------------------------------------------


def test_the_tree_holds_one_index_per_section_under_the_home_page(admin_page, demo_site, login):
    page = login(demo_site["editor"])
    home = Site.objects.get(is_default_site=True).root_page
    page.get_by_role("navigation", name="Menu principal").get_by_role("button", name="Pages").click()
    page.get_by_role("link", name="Accueil", exact=True).click()
    page.wait_for_url(f"**/admin/pages/{home.pk}/")
    rows = page.locator("main table tbody tr")
    for title, type_label in [
        ("Actualités", "Index des actualités"),
        ("Agenda", "Index des événements"),
        ("Près de chez vous", "Index des associations (Près de chez vous)"),
        ("Nous connaître", "Page"),
    ]:
        expect(rows.filter(has_text=title).first).to_contain_text(type_label)
    screenshot(page, "01-arborescence")


def test_an_editor_writes_previews_and_schedules_a_news_item(admin_page, demo_site, login, settings):
    # Wagtail's autosave (on by default) saves a new page in the background half a second after
    # the typing; this guide shows the explicit save, so that the click on « Enregistrer le
    # brouillon » is what creates the page: off here.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    page = login(demo_site["editor"])
    index = NewsIndexPage.objects.get()
    title = f"Semaine de la coopération {uuid.uuid4().hex[:6]}"
    page.goto(f"/admin/pages/{index.pk}/")
    page.get_by_role("link", name="Ajouter une sous-page").click()
    # The news index takes only news items: the form opens at once, with no type to choose.
    page.wait_for_url(f"**/admin/pages/add/content/newspage/{index.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouveau: Actualité")
    page.get_by_role("textbox", name="Titre*").fill(title)
    page.get_by_role("textbox", name="Résumé*").fill("Une semaine d’ateliers coopératifs dans les écoles.")
    for field in ["Image de présentation", "Contenu", "Classement"]:
        expect(page.get_by_role("region", name=field)).to_be_visible()
    expect(page.get_by_role("textbox", name="Date de publication*")).to_have_value(
        timezone.localdate().strftime("%d/%m/%Y")
    )
    expect(page.get_by_role("tab", name="Promotion")).to_be_visible()
    # The slug is made from the title by a script, after the typing: saved without it, the page
    # is refused (the slug is required).
    expect(page.locator("#id_slug")).not_to_have_value("")
    screenshot(page, "02-creer-une-actualite")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator(".messages")).to_contain_text(f"Page « {title} » créée.")
    news = NewsPage.objects.get(title=title)
    try:
        assert not news.live
        page.get_by_role("button", name="Afficher/masquer la prévisualisation").click()
        preview = page.frame_locator("iframe.w-preview__iframe >> nth=-1")
        expect(preview.get_by_role("heading", level=1)).to_have_text(title, timeout=20_000)
        screenshot(page, "03-previsualiser")
        page.get_by_role("button", name="Afficher/masquer la prévisualisation").click()

        go_live = (timezone.localtime() + timedelta(days=7)).replace(
            hour=8, minute=0, second=0, microsecond=0
        )
        page.get_by_role("button", name="Afficher/masquer le statut").click()
        page.get_by_role("button", name="Programmer").click()
        dialog = page.get_by_role("dialog", name="Définir la programmation de publication")
        go_live_field = dialog.get_by_role("textbox", name="Date/heure de publication")
        go_live_field.fill(go_live.strftime("%d/%m/%Y %H:%M"))
        close_date_picker(dialog)
        expect(go_live_field).to_have_value(go_live.strftime("%d/%m/%Y %H:%M"))
        expect(dialog.get_by_role("textbox", name="Date/heure d'expiration")).to_be_visible()
        screenshot(page, "04-programmer-la-publication")
        # Saving the schedule saves a draft; the page goes live only once scheduled.
        close_date_picker(dialog)  # opened again by the screenshot's focus, now and then
        dialog.get_by_role("button", name="Enregistrer la programmation").click()
        status = page.get_by_role("complementary").filter(has_text="Une fois publié")
        expect(status).to_contain_text(f"Publication : {go_live.day} ")
        news.refresh_from_db()
        assert not news.live
        assert news.latest_revision.as_object().go_live_at == go_live
        page.get_by_role("button", name="Plus d'actions").click()
        schedule = page.get_by_role("button", name="Programmer pour publication")
        expect(schedule).to_be_visible()
        expect(page.get_by_role("button", name="Publier", exact=True)).to_have_count(0)
        screenshot(page, "05-programmer-pour-publication")
        schedule.click()
        expect(page.locator(".messages")).to_contain_text(
            f"La page « {title} » a été planifiée pour publication."
        )
        news.refresh_from_db()
        assert not news.live
        assert news.latest_revision.approved_go_live_at == go_live
        assert page.request.get(news.url).status == 404

        page.goto(f"/admin/pages/{news.pk}/history/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Historique")
        scheduled = page.locator("main table tbody tr").filter(has_text="Page programmé pour publication le")
        expect(scheduled).to_have_count(1)
        page.locator("main table tbody tr").nth(1).get_by_role("button", name="Actions").click()
        for action in [
            "Prévisualisation",
            "Comparer avec la version précédente",
            "Annuler la publication programmée",
        ]:
            expect(page.get_by_role("link", name=action)).to_be_visible()
        screenshot(page, "06-historique")
    finally:
        news.delete()


def close_date_picker(dialog):
    """Wagtail's date picker stays open over the dialog's button; a click on the dialog's
    subtitle, beside the picker, closes it (Tab would open the next field's)."""
    subtitle = dialog.get_by_text("Choisissez quand")
    box = subtitle.bounding_box()
    subtitle.click(position={"x": box["width"] - 5, "y": box["height"] / 2})
    expect(dialog.page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)


# Each type, where it is added, and a field of its own that its form shows.
PAGE_TYPE_FIELDS = [
    ("content.ResourceIndexPage", "resourcepage", ["Documents à télécharger", "Cycles"]),
    ("content.ProjectIndexPage", "projectpage", ["Période ou année scolaire", "Partenaires associés"]),
    ("content.ReviewIndexPage", "reviewpage", ["Numéro*", "Période*", "Couverture", "Revue en PDF"]),
    ("content.WebinarIndexPage", "webinarpage", ["Début*", "Durée (en minutes)*", "Vidéo de rediffusion"]),
    ("content.ArticleIndexPage", "articlepage", ["Contenu"]),
    ("content.EventIndexPage", "eventpage", ["Début*", "Fin*", "Lieu*", "Lien d'inscription"]),
    ("content.HomePage", "standardpage", ["Contenu"]),
    ("content.AssociationIndexPage", "departmentalassociationpage", ["Département*", "Coordonnées"]),
]


def test_each_type_of_page_has_its_own_form_under_its_index(admin_page, demo_site, login):
    page = login(demo_site["editor"])
    for parent_label, model_name, fields in PAGE_TYPE_FIELDS:
        parent = apps.get_model(parent_label).objects.get()
        page.goto(f"/admin/pages/add/content/{model_name}/{parent.pk}/")
        for field in fields:
            expect(page.get_by_text(field, exact=True).first).to_be_visible()
        if model_name == "eventpage":
            page.get_by_role("textbox", name="Titre*").fill("Journée de la coopération à l’école")
            page.get_by_role("textbox", name="Lieu*").scroll_into_view_if_needed()
            screenshot(page, "07-creer-un-evenement")


def test_an_event_whose_end_comes_before_its_start_is_refused(admin_page, demo_site, login):
    page = login(demo_site["editor"])
    index = EventIndexPage.objects.get()
    page.goto(f"/admin/pages/add/content/eventpage/{index.pk}/")
    title = f"Rencontre départementale {uuid.uuid4().hex[:6]}"
    page.get_by_role("textbox", name="Titre*").fill(title)
    page.get_by_role("textbox", name="Résumé*").fill("Une rencontre des coopératives du département.")
    page.get_by_role("textbox", name="Début*").fill("12/03/2027 14:00")
    page.get_by_role("textbox", name="Fin*").fill("12/03/2027 09:00")
    page.get_by_role("textbox", name="Lieu*").fill("En ligne")
    page.get_by_role("heading", name="Lieu*").click()  # closes the date picker
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_text("La fin doit venir après le début.")).to_be_visible()
    assert not EventPage.objects.filter(title=title).exists()


# --- Images and documents --------------------------------------------------------------------


def test_an_editor_sets_the_focal_point_and_the_description_of_an_image(admin_page, demo_site, login):
    image = get_image_model().objects.get(file__endswith="demo-hero.png")
    assert not image.has_focal_point()
    page = login(demo_site["editor"])
    main_menu(page).get_by_role("link", name="Images").click()
    page.get_by_role("textbox", name="Terme de recherche").fill(image.title)
    expect(page.get_by_role("alert")).to_have_text("Il y a 1 correspondance")
    page.locator("main").get_by_role("link", name=image.title, exact=True).click()
    page.wait_for_url(re.compile(rf"/admin/images/{image.pk}/"))
    expect(page.get_by_role("textbox", name="Description")).to_have_value(image.description)
    expect(page.get_by_role("heading", name="Point d'intérêt (facultatif)")).to_be_visible()

    # Draw a rectangle around the pupils, as the guide says.
    picture = page.locator(".focal-point-chooser img, .focal-point-chooser").first
    box = picture.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, box["y"] + box["height"] * 0.75, steps=8)
    page.mouse.up()
    for name in ("focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height"):
        assert page.locator(f"input[name={name}]").input_value(), name
    screenshot(page, "08-point-d-interet")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".messages")).to_contain_text(image.title)
    image.refresh_from_db()
    try:
        assert image.has_focal_point()
        x, y = image.focal_point_x, image.focal_point_y
        assert 0.3 * image.width < x < 0.7 * image.width and 0.3 * image.height < y < 0.65 * image.height
    finally:
        image.set_focal_point(None)
        image.save()


def test_an_image_in_a_body_takes_its_alternative_text_from_the_description(admin_page, demo_site, login):
    image = get_image_model().objects.get(file__endswith="demo-hero.png")
    page = login(demo_site["editor"])
    index = NewsIndexPage.objects.get()
    page.goto(f"/admin/pages/add/content/newspage/{index.pk}/")
    body = page.get_by_role("region", name="Contenu")
    body.get_by_role("button", name="Insérer un bloc").click()
    page.get_by_role("option", name="Image", exact=True).click()
    body.get_by_role("button", name="Choisir une image").click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("textbox", name="Terme de recherche").fill(image.title)
    chooser.get_by_role("heading", name=image.title, exact=True).click()
    alt_text = body.get_by_role("textbox", name="Texte alternatif")
    expect(alt_text).to_have_value(image.description)
    expect(body.get_by_role("checkbox", name="L'image est décorative")).not_to_be_checked()
    body.get_by_role("textbox", name="Légende").fill("Des élèves décident ensemble des projets de la classe.")
    alt_text.scroll_into_view_if_needed()
    screenshot(page, "09-texte-alternatif")

    # Neither alternative text nor "decorative": the page is not published.
    title = f"Une image sans texte alternatif {uuid.uuid4().hex[:6]}"
    page.get_by_role("textbox", name="Titre*").fill(title)
    page.get_by_role("textbox", name="Résumé*").fill("Une page qui ne doit pas être publiée.")
    alt_text.fill("")
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name="Publier", exact=True).click()
    expect(
        body.get_by_text("Veuillez ajouter un texte alternatif ou marquer l'image comme décorative")
    ).to_be_visible()
    assert not NewsPage.objects.filter(title=title).exists()


def test_documents_of_a_collection_are_made_private_from_the_collection(
    admin_page, demo_site, superuser, login
):
    page = login(*superuser)
    open_menu(page, "Paramètres", "Collections")
    page.get_by_role("link", name="Démo").click()
    privacy = page.get_by_role("button", name=re.compile("Définir la confidentialité de la collection"))
    expect(privacy).to_contain_text("Public")
    privacy.click()
    dialog = page.get_by_role("dialog", name="Modifier les règles de confidentialité")
    for option in [
        "Public",
        "Privé, accessible avec un mot de passe",
        "Privé, accessible à tout utilisateur connecté",
        "Privée, accessible aux utilisateurs dans des groupes spécifiques",
    ]:
        expect(dialog.get_by_role("radio", name=option)).to_be_visible()
    screenshot(page, "10-collection-privee")
    assert not Collection.objects.get(name="Démo").get_view_restrictions().exists()


def test_a_document_has_a_title_a_collection_and_shows_where_it_is_used(admin_page, demo_site, login):
    document = get_document_model().objects.filter(file__endswith=".pdf").order_by("pk").first()
    page = login(demo_site["editor"])
    main_menu(page).get_by_role("link", name="Documents").click()
    page.get_by_role("link", name=document.title).first.click()
    expect(page.get_by_role("textbox", name="Titre*")).to_have_value(document.title)
    expect(page.get_by_role("combobox", name="Collection*")).to_have_value(str(document.collection_id))
    expect(page.get_by_role("link", name=re.compile(r"^Utilisé\(e\) \d+ fois"))).to_be_visible()
    screenshot(page, "11-document")


# --- Menus, footer, search ---------------------------------------------------------------------


def test_the_main_menu_and_the_footer_are_edited_under_navigation(admin_page, demo_site, superuser, login):
    page = login(*superuser)
    open_menu(page, "Navigation", "Menu principal")
    expect(page.get_by_role("heading", level=1)).to_have_text("Menus principaux")
    page.locator("main table tbody a").first.click()
    expect(page.get_by_role("button", name="Enregistrer le brouillon")).to_be_visible()
    expect(page.get_by_role("button", name="Afficher/masquer la prévisualisation")).to_be_visible()
    screenshot(page, "12-menu-principal")
    # The menus go through the pages' moderation workflow (docs/guide-redaction/menus.md).
    page.get_by_role("button", name="Plus d'actions").click()
    expect(page.get_by_role("button", name="Soumettre à Moderators approval")).to_be_visible()
    open_menu(page, "Navigation", "Pied de page")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pied")


def test_a_search_promotion_puts_a_page_first_for_a_query(admin_page, demo_site, superuser, login):
    promotion = SearchPromotion.objects.select_related("query", "page").get()
    page = login(*superuser)
    open_menu(page, "Paramètres", "Résultats de recherche améliorés")
    expect(page.get_by_role("heading", level=1)).to_have_text("Résultats de recherche améliorés")
    page.get_by_role("link", name=promotion.query.query_string, exact=True).click()
    expect(page.get_by_role("textbox", name="Terme(s)/phrase de recherche*")).to_have_value(
        promotion.query.query_string
    )
    expect(page.locator("main")).to_contain_text(promotion.page.title)
    screenshot(page, "13-resultats-de-recherche-ameliores")

    page.goto(f"/recherche/?q={promotion.query.query_string}")
    suggestions = page.get_by_role("region", name="Nos suggestions")
    expect(suggestions.get_by_role("link", name=promotion.page.title)).to_be_visible()


def test_staff_read_the_contact_messages_under_forms(admin_page, demo_site, superuser, login):
    contact_page = ContactPage.objects.live().get()
    sample = {
        "email": "camille.martin@example.org",
        "multiline": "Bonjour, notre école voudrait créer sa coopérative scolaire.",
        "singleline": "Camille Martin",
    }
    answers = {
        field.clean_name: sample.get(field.field_type, "Adhésion") for field in contact_page.get_form_fields()
    }
    message = ContactSubmission.objects.create(page=contact_page, form_data=answers)
    try:
        page = login(*superuser)
        main_menu(page).get_by_role("link", name="Formulaires").click()
        page.get_by_role("link", name=contact_page.title).first.click()
        expect(page.locator("main table tbody tr")).not_to_have_count(0)
        expect(page.locator("main table")).to_contain_text("En attente d’envoi")
        actions = page.get_by_role("button", name="Actions")
        if actions.count():  # the exports, in the "Actions" menu or beside it
            actions.click()
        expect(page.get_by_role("link", name="Télécharger en XLSX")).to_be_visible()
        screenshot(page, "20-messages-de-contact")
    finally:
        message.delete()


def test_the_accessibility_statement_is_a_page_of_its_own(admin_page, demo_site, login):
    statement = AccessibilityStatementPage.objects.live().get()
    page = login(demo_site["editor"])
    page.goto(f"/admin/pages/{statement.pk}/edit/")
    expect(page.get_by_role("combobox", name="État de conformité*")).to_have_value(statement.conformity)
    expect(page.get_by_role("textbox", name="Pages vérifiées*")).to_contain_text("/accessibilite/")
    screenshot(page, "21-declaration-d-accessibilite")


# --- Subscribers, sign-in, redirects ---------------------------------------------------------


def test_staff_export_the_subscribers_as_xlsx_and_the_export_is_logged(admin_page, demo_site, login):
    page = login(demo_site["staff"], device=demo_site["staff_device"])
    open_menu(page, "Lettre d’information", "Abonnés")
    expect(page.get_by_role("heading", level=1)).to_have_text("Abonnés")
    page.get_by_role("button", name="Actions").click()
    expect(page.get_by_role("link", name="Télécharger en CSV")).to_be_visible()
    screenshot(page, "14-exporter-les-abonnes")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger en XLSX").click()
    download = download_info.value
    assert download.suggested_filename == "abonnes-lettre-information.xlsx"
    with open(download.path(), "rb") as file:
        sheet = openpyxl.load_workbook(io.BytesIO(file.read())).active
    assert [cell.value for cell in sheet[1]][:2] == ["Adresse e-mail", "Statut"]
    entry = ModelLogEntry.objects.filter(action=EXPORT_ACTION, user=demo_site["staff"]).order_by(
        "-timestamp"
    )[0]
    assert entry.data["format"] == "xlsx"

    open_menu(page, "Rapports", "Historique du Site")
    expect(page.locator("main table tbody tr").first).to_contain_text("Export XLSX")
    screenshot(page, "15-historique-des-exports")


def code_for_secret(secret_text):
    return f"{totp(base64.b32decode(secret_text.replace(' ', ''))):06d}"


def test_a_member_enrols_at_first_sign_in_and_a_superuser_resets_the_second_factor(
    admin_page, demo_site, superuser, login
):
    member = get_user_model().objects.create_user(f"tresoriere-{uuid.uuid4().hex[:6]}", password=PASSWORD)
    member.groups.add(Group.objects.get(name="Editors"))
    member.user_permissions.add(Permission.objects.get(codename="export_subscriber"))
    page = admin_page
    try:
        sign_in_with_password(page, member)
        page.wait_for_url("**/admin/deux-facteurs/activer/**")
        expect(page.get_by_role("heading", level=1)).to_have_text("Activer la validation en deux étapes")
        expect(page.get_by_role("img", name=re.compile("Code QR"))).to_be_visible()
        screenshot(page, "16-activer-la-validation-en-deux-etapes")
        page.get_by_label("Code à usage unique").fill(
            code_for_secret(page.locator("#two-factor-secret").inner_text())
        )
        page.get_by_role("button", name="Activer").click()
        page.wait_for_url("**/admin/deux-facteurs/codes-de-secours/**")
        codes = page.get_by_role("list", name="Codes de secours").get_by_role("listitem")
        expect(codes).to_have_count(10)
        screenshot(page, "17-codes-de-secours")
        page.get_by_role("link", name="J’ai noté mes codes, continuer").click()
        page.wait_for_url("**/admin/")
        assert member.totpdevice_set.filter(confirmed=True).exists()
        page.context.clear_cookies()

        login(*superuser)
        open_menu(page, "Paramètres", "Utilisateurs")
        page.get_by_role("button", name=f"Plus d’options pour « {member.username} »").click()
        page.get_by_role("link", name="Réinitialiser la validation en deux étapes").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Réinitialiser")
        screenshot(page, "18-reinitialiser-la-validation-en-deux-etapes")
        page.locator("main").get_by_role("button", name="Réinitialiser la validation en deux étapes").click()
        expect(page.locator(".messages")).to_be_visible()
        assert not member.totpdevice_set.exists()
    finally:
        member.delete()


def test_staff_import_the_old_addresses_as_permanent_redirects(admin_page, demo_site, superuser, login):
    before = set(Redirect.objects.values_list("pk", flat=True))
    page = login(*superuser)
    open_menu(page, "Paramètres", "Règles de Redirection")
    page.get_by_role("button", name="Actions").click()
    page.get_by_role("link", name="Importer des règles de redirection").click()
    page.locator("input[type=file]").set_input_files(REDIRECTS_CSV)
    page.get_by_role("button", name="Importer", exact=True).click()
    page.get_by_role("combobox", name="Champ source*").select_option(label="ancienne adresse")
    page.get_by_role("combobox", name="Champ destination*").select_option(label="nouvelle adresse")
    page.get_by_role("combobox", name="Du site").select_option(label="OCCE [défaut]")
    expect(page.get_by_role("checkbox", name="Permanent")).to_be_checked()
    screenshot(page, "19-importer-des-redirections")
    page.get_by_role("button", name="Confirmer", exact=True).click()
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("Confirmer l'import")
    try:
        created = Redirect.objects.exclude(pk__in=before)
        rows = REDIRECTS_CSV.read_text(encoding="utf-8").strip().splitlines()[1:]
        assert created.count() == len(rows)
        assert all(redirect.is_permanent for redirect in created)
        old_path = rows[0].split(",")[0]
        response = page.request.get(old_path, max_redirects=0)
        assert response.status == 301
    finally:
        Redirect.objects.exclude(pk__in=before).delete()

"""The contact form in the browser: a visitor writes from the menu's "Nous contacter" and the
message arrives on a real SMTP server; staff sign in with a one-time code and export the
messages."""

import re
import uuid
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect

from contact.models import ContactSubmission
from tests.factories import make_totp_device

from .conftest import PASSWORD
from .test_newsletter import smtp_server  # noqa: F401  the same real SMTP server


def write_message(page, marker, subject="Presse"):
    page.get_by_label("Nom").fill("Camille Martin")
    page.get_by_label("Courriel").fill("camille@example.org")
    page.get_by_label("Sujet").select_option(subject)
    page.get_by_label("Message").fill(
        f"Bonjour, une demande d’interview pour notre journal scolaire ({marker})."
    )
    page.get_by_role("button", name="Envoyer le message").click()


def test_a_visitor_writes_from_the_menu_and_the_mail_arrives(page, smtp_server):  # noqa: F811
    marker = uuid.uuid4().hex[:10]
    page.goto("/")
    page.get_by_role("link", name="Nous contacter").first.click()
    page.wait_for_url("**/nous-contacter/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nous contacter")

    page.get_by_role("button", name="Envoyer le message").click()  # nothing filled in
    expect(page).to_have_title(re.compile(r"^Erreur\s:"))
    name = page.get_by_label("Nom")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_accessible_description(re.compile(r"^Erreur"))

    write_message(page, marker)
    expect(page.get_by_role("status").filter(has_text="Merci")).to_contain_text(
        "Merci, votre message est bien parti."
    )
    [message] = [m for m in smtp_server.inbox.messages if marker in smtp_server.inbox.text(m)]
    assert message["To"] == "presse@example.org, communication@example.org"
    assert message["Reply-To"] == "camille@example.org"
    assert "Presse" in message["Subject"]
    [kept] = [item for item in ContactSubmission.objects.all() if marker in item.form_data["message"]]
    assert kept.form_data["sujet"] == "Presse" and kept.mailed_at is not None


def test_staff_sign_in_with_a_code_and_export_the_messages(page, login, smtp_server):  # noqa: F811
    marker = uuid.uuid4().hex[:10]
    page.goto("/nous-contacter/")
    write_message(page, marker, subject="Adhésion")
    expect(page.get_by_role("status").filter(has_text="Merci")).to_be_visible()

    member = get_user_model().objects.create_user(f"accueil-{uuid.uuid4().hex[:6]}", password=PASSWORD)
    member.groups.add(Group.objects.get(name="Editors"))
    member.user_permissions.add(Permission.objects.get(codename="export_contactsubmission"))
    try:
        login(member, make_totp_device(member))  # the code computed from the member's device key
        page.goto("/admin/forms/")
        page.get_by_role("link", name="Nous contacter").first.click()
        expect(page.get_by_text(marker)).to_be_visible()
        page.get_by_role("button", name="Actions").click()  # the header's menu of actions
        with page.expect_download() as download_info:
            page.get_by_role("link", name="Télécharger en CSV").click()
        text = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
        assert marker in text and "Adhésion" in text
    finally:
        member.delete()

"""Two-factor sign-in in the browser: a member who can export personal data enrols at their first
sign-in (the secret read from the page, the code computed from it as an authenticator
application does), keeps the recovery codes shown once, then signs in with one of them."""

import base64
import re
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django_otp.oath import totp
from playwright.sync_api import expect

from .checkers import axe_violations, describe_violations
from .conftest import PASSWORD, sign_in_with_password


def code_for_secret(secret_text: str) -> str:
    """What an authenticator application shows for the secret typed in by hand."""
    key = base64.b32decode(secret_text.replace(" ", ""))
    return f"{totp(key):06d}"


def test_an_exporter_enrols_then_signs_in_with_a_recovery_code(page):
    member = get_user_model().objects.create_user(f"tresorier-{uuid.uuid4().hex[:6]}", password=PASSWORD)
    member.groups.add(Group.objects.get(name="Editors"))
    member.user_permissions.add(Permission.objects.get(codename="export_subscriber"))
    try:
        sign_in_with_password(page, member)
        page.wait_for_url("**/admin/deux-facteurs/activer/**")
        expect(page.get_by_role("heading", level=1)).to_have_text("Activer la validation en deux étapes")
        expect(page.get_by_role("img", name=re.compile("Code QR"))).to_be_visible()
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)

        secret = page.locator("#two-factor-secret").inner_text()
        page.get_by_label("Code à usage unique").fill(code_for_secret(secret))
        page.get_by_role("button", name="Activer").click()

        page.wait_for_url("**/admin/deux-facteurs/codes-de-secours/**")
        codes = page.get_by_role("list", name="Codes de secours").get_by_role("listitem").all_inner_texts()
        assert len(codes) == 10
        page.get_by_role("link", name="J’ai noté mes codes, continuer").click()
        page.wait_for_url("**/admin/")

        page.get_by_role("button", name=re.compile(member.username)).click()  # the account menu
        page.get_by_role("button", name="Se déconnecter").click()
        page.wait_for_url("**/admin/login/**")

        sign_in_with_password(page, member)
        page.wait_for_url("**/admin/deux-facteurs/code/**")
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)
        page.get_by_label("Code à usage unique").fill(codes[0])
        page.get_by_role("button", name="Valider").click()
        page.wait_for_url("**/admin/")
        expect(page.get_by_text("il vous en reste 9")).to_be_visible()
    finally:
        member.delete()

"""Two-factor sign-in for staff: who must and who may, enrolment with recovery codes shown
once, codes right and wrong, throttling and lockout, opting out, a superuser's reset."""

import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.test import override_settings
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry, PageViewRestriction

from accounts import devices, rules, views
from content.models import StandardPage
from tests.factories import make_content, make_totp_device, sign_in, totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-de-test"
VERIFY = "/admin/deux-facteurs/code/"
ENROL = "/admin/deux-facteurs/activer/"
CODES = "/admin/deux-facteurs/codes-de-secours/"
MANAGE = "/admin/deux-facteurs/"


@pytest.fixture
def editor(django_user_model):
    """A Wagtail editor: admin access, no export permission."""
    user = django_user_model.objects.create_user("redactrice", "r@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def exporter(django_user_model):
    """An editor who may export the newsletter's subscribers."""
    user = django_user_model.objects.create_user("equipe", "e@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    user.user_permissions.add(Permission.objects.get(codename="export_subscriber"))
    return user


def password_sign_in(client, user, **extra):
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD}, **extra)
    assert response.status_code == 302, "le mot de passe est accepté"
    return response


def refused(response) -> bool:
    """Wagtail's answer to a PermissionDenied in the admin: back to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def give_code(client, code, next_url="/admin/", **extra):
    return client.post(VERIFY, {"code": code, "next": next_url}, **extra)


# --- The rule -----------------------------------------------------------------------------------


def test_superusers_and_exporters_must_other_editors_may(editor, exporter, admin_user, django_user_model):
    visitor = django_user_model.objects.create_user("visiteur", password=PASSWORD)
    assert rules.must_use_second_factor(admin_user)
    assert rules.must_use_second_factor(exporter)
    assert not rules.must_use_second_factor(editor)
    assert rules.may_use_second_factor(editor)
    assert not rules.may_use_second_factor(visitor)  # no admin access, nothing to protect
    exporter.is_active = False
    assert not rules.must_use_second_factor(exporter)


def test_the_rule_follows_a_group_permission_too(editor):
    group = Group.objects.create(name="Communication")
    group.permissions.add(Permission.objects.get(codename="export_subscriber"))
    editor.groups.add(group)
    assert rules.must_use_second_factor(type(editor).objects.get(pk=editor.pk))


def test_the_rule_checks_every_permission_of_its_list(editor, monkeypatch):
    monkeypatch.setattr(
        rules, "REQUIRED_FOR_PERMISSIONS", [*rules.REQUIRED_FOR_PERMISSIONS, "wagtailimages.add_image"]
    )
    editor.user_permissions.add(
        Permission.objects.get(codename="add_image", content_type__app_label="wagtailimages")
    )
    assert rules.must_use_second_factor(type(editor).objects.get(pk=editor.pk))


# --- The login form -----------------------------------------------------------------------------


def test_the_login_form_labels_its_fields_in_french(client):
    html = client.get("/admin/login/").content.decode()
    labels = [
        re.sub(r"<[^>]+>|\s+", " ", label).strip().removesuffix(" *")
        for label in re.findall(r"<label[^>]*>.*?</label>", html, re.S)
    ]
    assert "Mot de passe" in labels
    assert "Nom d’utilisateur" in labels or "Nom d'utilisateur" in labels
    assert ">Password<" not in html


# --- Enrolment -----------------------------------------------------------------------------------


def test_an_exporter_enrols_at_first_sign_in_and_sees_the_recovery_codes_once(client, exporter):
    password_sign_in(client, exporter)
    response = client.get("/admin/lettre-d-information/")
    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next=/admin/lettre-d-information/"

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=exporter, confirmed=False)
    assert '<svg viewBox="0 0 ' in html  # the QR code, drawn on the server
    assert devices.secret_text(device) in html
    assert "https://" not in html.split("two-factor-qr-code", 1)[1].split("</figure>", 1)[0]
    assert client.get(ENROL).content.decode().count(devices.secret_text(device)) == 1  # same secret

    wrong = client.post(ENROL, {"code": "000000", "next": "/admin/lettre-d-information/"})
    assert wrong.status_code == 200
    assert "Ce code n’est pas valable" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    device.throttle_reset()

    done = client.post(ENROL, {"code": totp_code(device), "next": "/admin/lettre-d-information/"})
    assert done.status_code == 302
    assert done["Location"].startswith(CODES)
    codes_page = client.get(done["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page)
    assert len(codes) == devices.RECOVERY_CODE_COUNT
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=exporter).values_list("token", flat=True)
    )
    assert 'href="/admin/lettre-d-information/"' in codes_page
    again = client.get(CODES)
    assert again.status_code == 302  # shown once
    assert codes[0] not in client.get(again["Location"]).content.decode()

    assert client.get("/admin/lettre-d-information/").status_code == 200
    assert ModelLogEntry.objects.filter(action=views.ENABLE_ACTION, object_id=str(exporter.pk)).count() == 1


def test_an_editor_without_a_second_factor_signs_in_with_the_password_alone(client, editor):
    password_sign_in(client, editor)
    assert client.get("/admin/").status_code == 200
    assert f'href="{MANAGE}"' in client.get("/admin/account/").content.decode()
    assert "n’est pas activée" in client.get(MANAGE).content.decode()


def test_an_editor_opts_in_then_out(client, editor):
    password_sign_in(client, editor)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=editor)
    assert client.post(ENROL, {"code": totp_code(device)}).status_code == 302
    assert "est <strong>activée</strong>" in client.get(MANAGE).content.decode()
    client.post("/admin/logout/")
    password_sign_in(client, editor)
    assert client.get("/admin/")["Location"] == f"{VERIFY}?next=/admin/"  # opted in: asked for a code

    assert give_code(client, totp_code(device, steps_ahead=1)).status_code == 302
    assert client.post("/admin/deux-facteurs/desactiver/").status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert ModelLogEntry.objects.filter(action=views.DISABLE_ACTION, object_id=str(editor.pk)).exists()


def test_those_the_rule_concerns_cannot_opt_out(client, exporter):
    sign_in(client, exporter)
    assert refused(client.post("/admin/deux-facteurs/desactiver/"))
    assert TOTPDevice.objects.filter(user=exporter).exists()


# --- The code after the password ----------------------------------------------------------------


def test_a_correct_code_opens_the_admin_and_a_wrong_one_does_not(client, exporter):
    device = make_totp_device(exporter)
    password_sign_in(client, exporter)
    response = client.get("/admin/lettre-d-information/")
    assert response["Location"] == f"{VERIFY}?next=/admin/lettre-d-information/"
    assert client.get(VERIFY).status_code == 200

    wrong = give_code(client, "123456")
    assert wrong.status_code == 200
    assert "Ce code n’est pas valable" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()

    right = give_code(client, totp_code(device), next_url="/admin/lettre-d-information/")
    assert right.status_code == 302
    assert right["Location"] == "/admin/lettre-d-information/"
    assert client.get("/admin/lettre-d-information/").status_code == 200


def test_a_code_is_not_accepted_twice(client, exporter):
    device = make_totp_device(exporter)
    code = totp_code(device)
    password_sign_in(client, exporter)
    assert give_code(client, code).status_code == 302
    client.post("/admin/logout/")
    password_sign_in(client, exporter)
    assert give_code(client, code).status_code == 200  # replayed: refused


def test_a_wrong_code_delays_the_next_try(client, exporter):
    device = make_totp_device(exporter)
    password_sign_in(client, exporter)
    give_code(client, "000000")
    refused = give_code(client, totp_code(device))  # even right, too soon after a wrong one
    assert refused.status_code == 200
    assert "Trop d’essais incorrects : patientez" in refused.content.decode()
    # A new password sign-in does not reset the delay: it belongs to the device.
    client.post("/admin/logout/")
    password_sign_in(client, exporter)
    assert "patientez" in give_code(client, totp_code(device)).content.decode()


def test_the_next_address_must_be_on_this_site(client, exporter):
    device = make_totp_device(exporter)
    password_sign_in(client, exporter)
    response = give_code(client, totp_code(device), next_url="https://ailleurs.example/")
    assert response["Location"] == "/admin/"


@override_settings(AXES_ENABLED=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_five_wrong_codes_lock_the_account_out_like_five_wrong_passwords(client, exporter):
    device = make_totp_device(exporter)
    address = {"REMOTE_ADDR": "203.0.113.9"}
    password_sign_in(client, exporter, **address)
    for _ in range(4):
        assert give_code(client, "000000", **address).status_code == 200
    locked = give_code(client, "000000", **address)
    assert locked.status_code == 429
    assert "Connexion temporairement bloquée" in locked.content.decode()
    assert client.get("/admin/")["Location"].startswith("/admin/login/")  # signed out
    # The password no longer opens the door either, from this address, for an hour.
    assert (
        client.post("/admin/login/", {"username": "equipe", "password": PASSWORD}, **address).status_code
        == 429
    )
    give_code(client, totp_code(device), **address)  # and a right code alone opens nothing
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


# --- Recovery codes ------------------------------------------------------------------------------


def test_a_recovery_code_works_once(client, exporter):
    make_totp_device(exporter)
    first, second, *_ = devices.new_recovery_codes(exporter)
    password_sign_in(client, exporter)
    used = give_code(client, f" {first[:4].upper()} {first[4:].upper()} ")  # as people type it
    assert used.status_code == 302
    assert "il vous en reste 9" in client.get("/admin/").content.decode()
    client.post("/admin/logout/")

    password_sign_in(client, exporter)
    assert give_code(client, first).status_code == 200  # used up
    StaticToken.objects.filter(device__user=exporter).first().device.throttle_reset()
    assert give_code(client, second).status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, exporter):
    old = set(devices.new_recovery_codes(exporter))
    sign_in(client, exporter)
    response = client.post("/admin/deux-facteurs/codes-de-secours/nouveaux/")
    assert response.status_code == 302
    shown = set(
        re.findall(r"<li><code>([a-z2-7]{8})</code></li>", client.get(response["Location"]).content.decode())
    )
    assert len(shown) == devices.RECOVERY_CODE_COUNT
    assert set(StaticToken.objects.filter(device__user=exporter).values_list("token", flat=True)) == shown
    assert not old & shown
    assert ModelLogEntry.objects.filter(action=views.NEW_CODES_ACTION).exists()


# --- A superuser's reset -------------------------------------------------------------------------


def test_a_superuser_resets_a_members_second_factor_and_it_is_logged(admin_client, admin_user, exporter):
    make_totp_device(exporter)
    devices.new_recovery_codes(exporter)
    users = admin_client.get("/admin/users/").content.decode()
    url = f"/admin/deux-facteurs/reinitialiser/{exporter.pk}/"
    assert f'href="{url}"' in users
    confirm = admin_client.get(url)
    assert confirm.status_code == 200
    assert "devra configurer une nouvelle application" in confirm.content.decode()

    assert admin_client.post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=exporter).exists()
    assert not StaticToken.objects.filter(device__user=exporter).exists()
    entry = ModelLogEntry.objects.get(action=views.RESET_ACTION)
    assert entry.object_id == str(exporter.pk)
    assert entry.user == admin_user
    assert entry.data == {"devices": 2}
    history = admin_client.get("/admin/reports/site-history/").content.decode()
    assert "Validation en deux étapes réinitialisée" in history


def test_only_a_superuser_resets(client, exporter, editor):
    make_totp_device(editor)
    sign_in(client, exporter)
    assert refused(client.get(f"/admin/deux-facteurs/reinitialiser/{editor.pk}/"))
    assert refused(client.post(f"/admin/deux-facteurs/reinitialiser/{editor.pk}/"))
    assert TOTPDevice.objects.filter(user=editor).exists()
    assert "deux-facteurs/reinitialiser" not in client.get("/admin/users/").content.decode()


def test_after_a_reset_the_member_enrols_again(client, exporter):
    make_totp_device(exporter)
    devices.remove(exporter)
    password_sign_in(client, exporter)
    assert client.get("/admin/")["Location"] == f"{ENROL}?next=/admin/"


# --- The public site ------------------------------------------------------------------------------


def test_a_half_signed_in_member_is_anonymous_on_the_public_site(client, exporter, home_page):
    page = make_content(StandardPage, home_page, title="Réservé à l’équipe")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    device = make_totp_device(exporter)
    password_sign_in(client, exporter)
    assert client.get(page.url).status_code == 302  # to the sign-in: the password is not enough
    give_code(client, totp_code(device))
    assert client.get(page.url).status_code == 200


def test_the_command_line_resets_the_last_superuser_too(admin_user):
    make_totp_device(admin_user)
    output = io.StringIO()
    call_command("reset_second_factor", admin_user.username, stdout=output)
    assert "réinitialisée (1 appareil(s))" in output.getvalue()
    assert not TOTPDevice.objects.filter(user=admin_user).exists()
    entry = ModelLogEntry.objects.get(action=views.RESET_ACTION)
    assert entry.user is None and entry.data["from"] == "manage.py"
    with pytest.raises(CommandError):
        call_command("reset_second_factor", "personne")

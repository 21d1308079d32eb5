"""Staff read and export the messages in the admin ("Formulaires"), with one permission, which
makes the second factor compulsory."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission

from accounts import rules
from contact.models import ContactSubmission
from tests.factories import sign_in

from .conftest import PASSWORD, message_data, submit_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def messages(client, contact_page):
    client.post(submit_url(contact_page), message_data(sujet="Presse"))
    client.post(submit_url(contact_page), message_data(nom="Dominique Petit", sujet="Adhésion"))
    assert ContactSubmission.objects.count() == 2
    return ContactSubmission.objects.order_by("submit_time")


def submissions_url(page):
    return f"/admin/forms/submissions/{page.pk}/"


def test_the_permission_makes_the_second_factor_compulsory(reader, editor):
    assert rules.must_use_second_factor(reader)
    assert not rules.must_use_second_factor(editor)


def test_with_the_password_alone_the_reader_must_enrol_first(client, reader, contact_page):
    client.post("/admin/login/", {"username": reader.username, "password": PASSWORD})
    response = client.get(submissions_url(contact_page))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/deux-facteurs/activer/")


def test_the_reader_lists_the_messages(client, reader, contact_page, messages):
    sign_in(client, reader)
    assert contact_page.title in client.get("/admin/forms/").content.decode()
    response = client.get(submissions_url(contact_page))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Camille Martin" in html and "Dominique Petit" in html


def test_the_reader_exports_the_messages_as_csv_and_xlsx(client, reader, contact_page, messages):
    sign_in(client, reader)
    response = client.get(submissions_url(contact_page), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header, *lines = rows
    assert header[1:] == ["Nom", "Courriel", "Sujet", "Message", "Envoi du courriel"]
    assert [line[1] for line in lines] == ["Camille Martin", "Dominique Petit"]
    assert [line[3] for line in lines] == ["Presse", "Adhésion"]
    assert all(line[5].startswith("Envoyé le") for line in lines)

    xlsx = client.get(submissions_url(contact_page), {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_an_editor_without_the_permission_sees_no_message(client, editor, contact_page, messages):
    sign_in(client, editor)
    assert contact_page.title not in client.get("/admin/forms/").content.decode()
    for url in (submissions_url(contact_page), f"{submissions_url(contact_page)}?export=csv"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Camille Martin" not in response.content.decode()


def test_the_permission_alone_opens_the_messages_without_page_rights(
    client, django_user_model, contact_page, messages
):
    user = django_user_model.objects.create_user("standard", "s@example.org", PASSWORD)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="export_contactsubmission"),
    )
    sign_in(client, user)
    assert client.get(submissions_url(contact_page)).status_code == 200


def test_a_superuser_grants_the_permission_in_the_group_editor(admin_client):
    html = admin_client.get("/admin/groups/new/").content.decode()
    permission = Permission.objects.get(codename="export_contactsubmission")
    assert f'value="{permission.pk}"' in html

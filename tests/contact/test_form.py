"""The contact form as a visitor meets it: a cacheable page, a message kept and mailed to its
subject's recipients, bad input answered beside its field, and the spam defences."""

import re

import pytest
from django.core import mail
from wagtail.test.utils import WagtailPageTestCase

from contact.forms import EMAIL_MESSAGE, LINK_ONLY_MESSAGE, REQUIRED_MESSAGE, SUBJECT_MESSAGE
from contact.models import ContactPage, ContactSubmission
from content.models import HomePage, StandardPage
from tests.factories import make_page

from .conftest import make_contact_page, message_data, submit_url

pytestmark = pytest.mark.django_db


class TestWhereTheContactPageLives(WagtailPageTestCase):
    def test_under_the_home_page_or_a_standard_page_and_holds_nothing(self):
        self.assertAllowedParentPageTypes(ContactPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(ContactPage, set())


# --- The page, for everybody ---------------------------------------------------------------


def test_the_page_is_cacheable_by_a_shared_cache_and_sets_no_cookie(client, contact_page):
    response = client.get(contact_page.url)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "s-maxage" in response["Cache-Control"]
    assert f"page-{contact_page.pk}" in response["xkey"].split()
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert f'action="{submit_url(contact_page)}"' in html


def test_the_form_has_the_editors_fields_and_the_subjects_as_choices(client, contact_page):
    form = client.get(contact_page.url).context["form"]
    assert list(form.fields) == ["nom", "courriel", "sujet", "message", "website"]
    assert [label for value, label in form.fields["sujet"].choices if value] == [
        "Adhésion",
        "Assurance",
        "Presse",
    ]


# --- Sending ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "recipients"),
    [
        ("Assurance", ["assurance@example.org"]),
        ("Presse", ["presse@example.org", "communication@example.org"]),
    ],
)
def test_a_message_is_kept_and_mailed_to_its_subjects_recipients(client, contact_page, subject, recipients):
    response = client.post(submit_url(contact_page), message_data(sujet=subject))
    assert response.status_code == 200
    assert "Merci pour votre message" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"

    submission = ContactSubmission.objects.get()
    assert submission.page_id == contact_page.pk
    assert submission.form_data == {
        "nom": "Camille Martin",
        "courriel": "camille@example.fr",
        "sujet": subject,
        "message": message_data()["message"],
    }
    [message] = mail.outbox
    assert message.to == recipients
    assert message.reply_to == ["camille@example.fr"]
    assert subject in message.subject
    assert "Camille Martin" in message.body and "sortie scolaire" in message.body
    submission.refresh_from_db()
    assert submission.mailed_at is not None
    assert submission.mail_status.startswith("Envoyé le")


def test_without_a_subject_field_the_page_addresses_receive_the_message(client, home_page):
    page = make_contact_page(home_page, slug="ecrire", with_subject_field=False)
    data = message_data()
    del data["sujet"]
    assert client.post(submit_url(page), data).status_code == 200
    assert mail.outbox[0].to == ["accueil@example.org"]


def test_a_changed_subject_does_not_redirect_a_message_already_kept(client, contact_page):
    client.post(submit_url(contact_page), message_data(sujet="Adhésion"))
    assert ContactSubmission.objects.get().recipients == "adhesion@example.org"


# --- Bad input ------------------------------------------------------------------------------


def test_bad_input_gets_a_french_message_beside_its_field_and_nothing_is_kept(client, contact_page):
    response = client.post(
        submit_url(contact_page), message_data(courriel="pas-une-adresse", sujet="Vacances", nom="")
    )
    assert response.status_code == 400
    assert response["Cache-Control"] == "private, no-store"
    errors = response.context["form"].errors
    assert set(errors) == {"courriel", "sujet", "nom"}
    assert errors["nom"] == [REQUIRED_MESSAGE]
    assert errors["courriel"] == [EMAIL_MESSAGE]
    assert errors["sujet"] == [SUBJECT_MESSAGE]
    html = response.content.decode()
    # Beside its field, before it, and tied to it for screen readers.
    error_at = html.index('id="contact-courriel_error"')
    field = re.search(r'<input[^>]*name="courriel"[^>]*>', html)
    assert error_at < field.start()
    assert 'aria-describedby="contact-courriel_error"' in field.group(0)
    assert 'value="pas-une-adresse"' in field.group(0)  # what was typed is kept
    assert not ContactSubmission.objects.exists()
    assert not mail.outbox


def test_a_message_of_links_alone_is_refused(client, contact_page):
    response = client.post(
        submit_url(contact_page), message_data(message="https://vente.example/promo www.example.com/x")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["message"] == [LINK_ONLY_MESSAGE]
    assert not ContactSubmission.objects.exists()


def test_a_message_with_a_link_among_words_is_accepted(client, contact_page):
    text = "Bonjour, le lien de votre page https://occe.example/ressources/ ne marche plus."
    assert client.post(submit_url(contact_page), message_data(message=text)).status_code == 200
    assert ContactSubmission.objects.get().form_data["message"] == text


def test_control_characters_are_refused(client, contact_page):
    response = client.post(submit_url(contact_page), message_data(nom="Camille\x00Martin"))
    assert response.status_code == 400
    assert "nom" in response.context["form"].errors


# --- Spam and abuse -----------------------------------------------------------------------------


def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_is_kept_or_sent(client, contact_page):
    response = client.post(submit_url(contact_page), message_data(website="https://spam.example/"))
    assert response.status_code == 200
    assert "Merci pour votre message" in response.content.decode()
    assert not ContactSubmission.objects.exists()
    assert not mail.outbox


def test_a_client_sending_too_many_messages_is_refused(client, contact_page, settings):
    settings.CONTACT_RATE_LIMIT_PER_CLIENT = 2
    for _ in range(2):
        assert client.post(submit_url(contact_page), message_data()).status_code == 200
    response = client.post(submit_url(contact_page), message_data())
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Trop de messages" in response.content.decode()
    assert ContactSubmission.objects.count() == 2
    # Another client is not concerned.
    assert client.post(submit_url(contact_page), message_data(), REMOTE_ADDR="192.0.2.7").status_code == 200


def test_the_rate_limit_counts_an_ipv6_client_by_its_network(client, contact_page, settings):
    settings.CONTACT_RATE_LIMIT_PER_CLIENT = 1
    assert client.post(submit_url(contact_page), message_data(), REMOTE_ADDR="2001:db8::1").status_code == 200
    response = client.post(submit_url(contact_page), message_data(), REMOTE_ADDR="2001:db8::2")
    assert response.status_code == 429


def test_a_post_from_another_site_is_refused(client, contact_page):
    response = client.post(submit_url(contact_page), message_data(), HTTP_ORIGIN="https://ailleurs.example")
    assert response.status_code == 403
    assert not ContactSubmission.objects.exists()
    own = client.post(submit_url(contact_page), message_data(), HTTP_ORIGIN="http://testserver")
    assert own.status_code == 200


def test_a_thousand_fields_get_a_400(client, contact_page):
    data = message_data(**{f"champ{number}": "x" for number in range(1000)})
    response = client.post(submit_url(contact_page), data)
    assert response.status_code == 400
    assert not ContactSubmission.objects.exists()


def test_a_ten_megabyte_body_gets_a_400(client, contact_page):
    response = client.post(submit_url(contact_page), message_data(message="a" * (10 * 1024 * 1024)))
    assert response.status_code == 400
    assert not ContactSubmission.objects.exists()


def test_only_a_live_contact_page_takes_messages(client, contact_page, home_page):
    other = make_page(StandardPage, home_page, title="Autre page")
    assert client.post(submit_url(other), message_data()).status_code == 404
    contact_page.unpublish()
    assert client.post(submit_url(contact_page), message_data()).status_code == 404
    assert client.get(submit_url(contact_page)).status_code == 405

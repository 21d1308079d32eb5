"""Newsletter: subscribe from the footer, receive the email on a real SMTP server, confirm in the
browser, then unsubscribe from the link the email carries."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from newsletter.models import Subscriber
from tests.newsletter.conftest import CONFIRM_LINK, SMTPServer, free_port


@pytest.fixture
def smtp_server(settings):
    """The site's mail goes through Django's SMTP backend to an aiosmtpd server on 127.0.0.1
    (the one the newsletter tests use)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    server = SMTPServer(settings.EMAIL_PORT)
    server.start()
    yield server
    server.stop()


def test_subscribe_from_the_footer_confirm_then_unsubscribe(page, smtp_server):
    address = f"camille.{uuid.uuid4().hex[:8]}@example.org"
    page.goto("/ressources/")
    signup = page.locator("footer .newsletter-signup")
    expect(signup.get_by_role("heading", level=2)).to_have_text("S’inscrire à la lettre d’information")
    signup.get_by_role("textbox", name="Adresse e-mail").fill(address)
    signup.get_by_role("checkbox").check()
    signup.get_by_role("button", name="S’inscrire").click()

    page.wait_for_url("**/newsletter/merci/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez votre boîte de réception")
    subscriber = Subscriber.objects.get(email=address)
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.consent_page == "/ressources/"

    [message] = [m for m in smtp_server.inbox.messages if m["To"] == address]
    text = smtp_server.inbox.text(message)
    confirm_url = CONFIRM_LINK.search(text).group(0)
    assert confirm_url.startswith(page.url.split("/newsletter/")[0])  # a link to this very site
    unsubscribe_url = message["List-Unsubscribe"].strip().strip("<>")

    page.goto(confirm_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmer votre inscription")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING  # opening the link changes nothing
    page.get_by_role("button", name="Je confirme mon inscription").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inscription confirmée")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED

    page.goto(unsubscribe_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Se désinscrire de la lettre d’information")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED  # opening the link changes nothing
    page.get_by_role("button", name="Me désinscrire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vous êtes désinscrit")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_an_invalid_address_is_said_next_to_its_field(page):
    page.goto("/")
    signup = page.locator("footer .newsletter-signup")
    signup.get_by_role("textbox", name="Adresse e-mail").fill("pas-une-adresse")
    signup.get_by_role("button", name="S’inscrire").click()
    page.wait_for_url("**/newsletter/")
    expect(page).to_have_title(re.compile(r"^Erreur\s: S’inscrire à la lettre d’information"))
    email = page.get_by_role("textbox", name="Adresse e-mail")
    expect(email).to_have_value("pas-une-adresse")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(re.compile(r"^Erreur"))
    expect(page.locator(".field-error")).to_have_count(2)  # the address, and the consent not given

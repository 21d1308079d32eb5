"""The whole journey over a real SMTP server: sign up, receive, confirm, unsubscribe."""

from urllib.parse import urlsplit

from django.test import Client

from newsletter.models import Subscriber

from .conftest import CONFIRM_LINK, UNSUBSCRIBE_LINK, signup_data

NEUTRAL_ANSWER = (
    "Si cette adresse est valide, vous allez recevoir un e-mail pour confirmer votre inscription."
)


def test_sign_up_receive_confirm_and_unsubscribe_in_one_click(client, home_page, smtp_server):
    response = client.post("/newsletter/", signup_data("Camille.Martin@Example.FR ", page="/"))
    assert response.status_code == 302
    assert response["Location"] == "/newsletter/merci/"
    assert NEUTRAL_ANSWER in client.get(response["Location"]).content.decode()

    subscriber = Subscriber.objects.get()
    assert subscriber.email == "Camille.Martin@example.fr"  # trimmed, domain lower-cased
    assert subscriber.status == Subscriber.Status.PENDING
    assert (subscriber.consent_version, subscriber.consent_page) == ("2025-01", "/")

    [message] = smtp_server.inbox.messages
    assert message["To"] == "Camille.Martin@example.fr"
    assert message["From"] == "OCCE <ne-pas-repondre@occe.coop>"
    # Django folds the encoded subject onto a second line; clients drop that space.
    assert message["Subject"].strip() == "Confirmez votre inscription à la lettre d’information de l’OCCE"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = smtp_server.inbox.text(message), smtp_server.inbox.html(message)
    confirm_url = CONFIRM_LINK.search(text).group(0)
    assert confirm_url in html
    assert "Je confirme mon inscription" in html
    unsubscribe_url = message["List-Unsubscribe"].strip().strip("<>")
    assert UNSUBSCRIBE_LINK.fullmatch(unsubscribe_url)
    assert unsubscribe_url in text

    # The link leads to a button: a mail gateway that opens it confirms nothing.
    response = client.get(urlsplit(confirm_url).path)
    assert response.status_code == 200
    assert f'<form method="post" action="{urlsplit(confirm_url).path}">' in response.content.decode()
    assert "Je confirme mon inscription" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    response = client.post(urlsplit(confirm_url).path)
    assert response.status_code == 200
    assert "Inscription confirmée" in response.content.decode()
    assert response["Referrer-Policy"] == "no-referrer"
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None

    # A mail client's one-click POST (RFC 8058): no cookie, no CSRF token.
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        urlsplit(unsubscribe_url).path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "Vous êtes désinscrit" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None


def test_the_unsubscribe_link_shows_a_button_and_posts_to_itself(client, home_page, smtp_server):
    client.post("/newsletter/", signup_data())
    [message] = smtp_server.inbox.messages
    path = urlsplit(UNSUBSCRIBE_LINK.search(smtp_server.inbox.text(message)).group(0)).path

    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<form method="post" action="{path}">' in html
    assert "Me désinscrire" in html
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING  # GET changes nothing

    assert client.post(path).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
    assert client.post(path).status_code == 200  # again: same answer, nothing breaks

"""Link scanners, mail bombing and the opt-out: what a confirmation link, a flood of requests
for one address, or an unsubscribed address can and cannot cause."""

import datetime

import pytest
from django.core import mail

from newsletter import tokens
from newsletter.models import Subscriber, SubscriptionRequest

from .conftest import CONFIRMED, PENDING, UNSUBSCRIBED, confirm_path, signup_data


def later(**delta):
    """Move every recorded request back in time, as if `delta` had passed."""
    for request in SubscriptionRequest.objects.all():
        request.requested_at -= datetime.timedelta(**delta)
        request.save(update_fields=["requested_at"])


# ---- Link scanners -------------------------------------------------------------------------


def test_opening_the_confirmation_link_confirms_nothing_the_button_does(client, home_page):
    client.post("/newsletter/", signup_data())
    path = confirm_path(mail.outbox[0])
    for method in (client.get, client.head, client.get):  # a mail gateway, then the person
        response = method(path)
        assert response.status_code == 200
    assert Subscriber.objects.get().status == PENDING
    html = client.get(path).content.decode()
    assert "<h1>Confirmer votre inscription</h1>" in html
    assert f'<form method="post" action="{path}">' in html
    assert '<button type="submit">Je confirme mon inscription</button>' in html

    response = client.post(path)
    assert response.status_code == 200
    assert "Inscription confirmée" in response.content.decode()
    assert Subscriber.objects.get().status == CONFIRMED


# ---- Mail bombing ----------------------------------------------------------------------------


def test_one_address_gets_a_few_emails_a_day_and_a_week_however_often_it_is_submitted(client, home_page):
    def submit():
        client.post("/newsletter/", signup_data("cible@example.fr"))
        return len(mail.outbox)

    assert submit() == 1
    assert submit() == 1  # within 10 minutes
    later(minutes=11)
    assert submit() == 2
    later(minutes=11)
    assert submit() == 3
    later(minutes=11)
    assert submit() == 3  # three in a day
    later(days=1)
    assert submit() == 4
    later(minutes=11)
    assert submit() == 5
    later(minutes=11)
    assert submit() == 5  # five in a week
    later(days=7)
    assert submit() == 6


def test_the_limits_per_address_come_from_settings(client, home_page, settings):
    settings.NEWSLETTER_EMAILS_PER_ADDRESS_PER_DAY = 1
    client.post("/newsletter/", signup_data("cible@example.fr"))
    later(minutes=11)
    client.post("/newsletter/", signup_data("cible@example.fr"))
    assert len(mail.outbox) == 1


# ---- Consent proof ---------------------------------------------------------------------------


def test_the_first_consent_is_kept_and_each_request_recorded_beside_it(client, home_page):
    client.post("/newsletter/", signup_data("camille@example.fr", page="/actualites/"))
    later(hours=2)
    client.post("/newsletter/", signup_data("camille@example.fr", page="/ressources/"))
    subscriber = Subscriber.objects.get()
    assert subscriber.consent_page == "/actualites/"
    requests = list(subscriber.requests.order_by("requested_at"))
    assert [request.consent_page for request in requests] == ["/actualites/", "/ressources/"]
    assert {request.consent_version for request in requests} == {"2025-01"}
    assert {request.email_kind for request in requests} == {"confirm"}
    assert subscriber.requested_at >= requests[-1].requested_at  # the purge counts from the last one


# ---- The opt-out -----------------------------------------------------------------------------


@pytest.fixture
def unsubscribed(make_subscriber):
    subscriber = make_subscriber("parti@example.fr", PENDING)
    subscriber.unsubscribe()
    return subscriber


def test_an_unsubscribed_address_gets_the_usual_answer_and_no_email(client, home_page, unsubscribed):
    response = client.post("/newsletter/", signup_data("Parti@Example.fr"))
    assert (response.status_code, response["Location"]) == (302, "/newsletter/merci/")
    assert not mail.outbox
    unsubscribed.refresh_from_db()
    assert unsubscribed.status == UNSUBSCRIBED
    assert not unsubscribed.requests.exists()


def test_the_unsubscribe_link_lets_an_unsubscribed_address_ask_again(client, home_page, unsubscribed):
    unsubscribe_path = f"/newsletter/desinscription/{tokens.unsubscribe_token(unsubscribed)}/"
    page = client.get(unsubscribe_path).content.decode()
    assert "Vous avez changé d’avis" in page
    resubscribe_path = page.split('<form class="newsletter-form" action="', 1)[1].split('"', 1)[0]
    assert resubscribe_path.startswith("/newsletter/reinscription/")
    assert 'name="consent"' in page

    without_consent = client.post(resubscribe_path, {})
    assert without_consent.status_code == 400
    assert "Cochez la case" in without_consent.content.decode()
    assert not mail.outbox

    response = client.post(resubscribe_path, {"consent": "on"})
    assert (response.status_code, response["Location"]) == (302, "/newsletter/merci/")
    [message] = mail.outbox
    unsubscribed.refresh_from_db()
    assert unsubscribed.status == PENDING
    assert unsubscribed.requests.get().consent_page == "/newsletter/reinscription/"
    client.post(confirm_path(message))
    assert Subscriber.objects.get().status == CONFIRMED


def test_the_resubscribe_link_of_an_erased_or_altered_address_is_refused(client, home_page, unsubscribed):
    token = tokens.unsubscribe_token(unsubscribed)
    assert client.post(f"/newsletter/reinscription/{token}x/", {"consent": "on"}).status_code == 400
    unsubscribed.delete()
    assert client.post(f"/newsletter/reinscription/{token}/", {"consent": "on"}).status_code == 400
    assert not mail.outbox

"""Signup form: rendering, neutral answers, validation, abuse protections, links."""

import datetime
import time

import pytest
from django.core import mail
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from newsletter import tokens
from newsletter.models import Subscriber, SubscriptionRequest

from .conftest import (
    CONFIRM_LINK,
    CONFIRMED,
    PENDING,
    UNSUBSCRIBE_LINK,
    UNSUBSCRIBED,
    confirm_path,
    signup_data,
)

NEUTRAL_ANSWER = (
    "Si cette adresse est valide, vous allez recevoir un e-mail pour confirmer votre inscription."
)

# ---- The form as visitors see it --------------------------------------------------------


def test_every_page_footer_has_the_form_without_setting_a_cookie(client, home_page):
    response = client.get("/")
    html = response.content.decode()
    assert '<form class="newsletter-form" action="/newsletter/" method="post" novalidate>' in html
    assert 'id="footer-newsletter-email"' in html
    assert 'type="checkbox" name="consent"' in html
    assert "checked" not in html.split('name="consent"', 1)[1].split(">", 1)[0]
    assert '<a href="/confidentialite/">politique de confidentialité</a>' in html
    assert 'aria-describedby="footer-newsletter-consent_helptext"' in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies  # nothing that would make the page uncacheable
    assert "Set-Cookie" not in response.headers


def test_the_footer_block_makes_no_database_query(rf):
    # No `db` fixture: pytest-django makes any query here raise.
    request = rf.get("/actualites/")
    html = render_to_string("components/newsletter_signup.html", {"request": request})
    assert 'name="page" value="/actualites/"' in html


def test_the_privacy_link_comes_from_settings(settings):
    settings.NEWSLETTER_PRIVACY_URL = "/mentions-legales/confidentialite/"
    html = render_to_string("components/newsletter_signup.html", {"request": RequestFactory().get("/")})
    assert 'href="/mentions-legales/confidentialite/"' in html


def test_the_newsletter_page_has_one_form_and_no_cookie(client, home_page):
    response = client.get("/newsletter/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="newsletter-form"') == 1  # the footer block steps aside
    assert 'id="newsletter-email"' in html
    assert not response.cookies


# ---- One neutral answer ----------------------------------------------------------------


@pytest.mark.parametrize("state", [None, PENDING, CONFIRMED, UNSUBSCRIBED])
def test_the_answer_is_the_same_whatever_the_address_state(client, home_page, make_subscriber, state):
    if state:
        make_subscriber("known@example.fr", state)
    response = client.post("/newsletter/", signup_data("KNOWN@example.fr"))
    assert (response.status_code, response["Location"]) == (302, "/newsletter/merci/")
    assert NEUTRAL_ANSWER in client.get("/newsletter/merci/").content.decode()

    subscriber = Subscriber.objects.get()
    assert subscriber.status == (state or PENDING)
    if state == UNSUBSCRIBED:
        assert not mail.outbox  # the opt-out holds (test_abuse.py)
        return
    [message] = mail.outbox
    if state == CONFIRMED:
        assert "déjà inscrite" in message.body
        assert not CONFIRM_LINK.search(message.body)
    else:
        assert CONFIRM_LINK.search(message.body)
    assert UNSUBSCRIBE_LINK.search(message.body)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.alternatives[0].mimetype == "text/html"


# ---- Invalid input: a French error next to its field, nothing stored -----------------------


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (signup_data(""), "email", "Indiquez votre adresse e-mail."),
        (signup_data("pas-une-adresse"), "email", "Indiquez une adresse e-mail valide"),
        (signup_data("a@example.fr\r\nBcc: x@example.com"), "email", "adresse e-mail valide"),
        (signup_data("a@example.fr\nBcc:x@example.com"), "email", "adresse e-mail valide"),
        (signup_data("x" * 244 + "@example.fr"), "email", "ne doit pas dépasser 254"),
        (signup_data(consent=""), "consent", "Cochez la case"),
    ],
    ids=["empty", "not-an-address", "crlf-injection", "lf-injection", "255-chars", "no-consent"],
)
def test_invalid_input_gets_a_french_error_next_to_its_field(client, home_page, data, field, message):
    response = client.post("/newsletter/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Erreur&nbsp;: S’inscrire" in html
    error_id = f"newsletter-{field}_error"
    assert f'id="{error_id}"' in html
    assert message in html.split(f'id="{error_id}"', 1)[1].split("</p>", 1)[0]
    assert f'aria-describedby="{error_id}"' in html or f'{error_id}"' in html
    assert 'aria-invalid="true"' in html
    assert not Subscriber.objects.exists()
    assert not mail.outbox


def test_the_form_keeps_what_was_typed(client, home_page):
    response = client.post("/newsletter/", signup_data("camille@example", consent=""))
    html = response.content.decode()
    assert 'value="camille@example"' in html
    assert 'aria-describedby="newsletter-email_error"' in html
    assert 'aria-describedby="newsletter-consent_helptext newsletter-consent_error"' in html


def test_non_utf8_bytes_get_a_form_error_not_a_500(client, home_page):
    body = b"email=%FF%FEcamille@ex%E9mple.fr&consent=on&page=%2F"
    response = client.post("/newsletter/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "adresse e-mail valide" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_non_utf8_bytes_in_the_domain_are_refused(client, home_page):
    body = b"email=camille%40ex%E9mple.fr&consent=on"
    response = client.post("/newsletter/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert not Subscriber.objects.exists()


def test_a_foreign_consent_page_is_not_recorded(client, home_page):
    client.post("/newsletter/", signup_data(page="https://evil.example/"))
    client.post("/newsletter/", signup_data("b@example.fr", page="//evil.example/"))
    assert set(Subscriber.objects.values_list("consent_page", flat=True)) == {""}


# ---- Abuse ---------------------------------------------------------------------------


def test_the_honeypot_answers_as_usual_and_stores_nothing(client, home_page):
    response = client.post("/newsletter/", signup_data(website="http://spam.example"))
    assert (response.status_code, response["Location"]) == (302, "/newsletter/merci/")
    assert not Subscriber.objects.exists()
    assert not mail.outbox


def test_one_address_gets_at_most_one_email_per_10_minutes(client, home_page):
    for address in ["same@example.fr", "same@EXAMPLE.fr", "Same@example.fr"]:
        response = client.post("/newsletter/", signup_data(address))
        assert response["Location"] == "/newsletter/merci/"
    assert len(mail.outbox) == 1
    assert Subscriber.objects.count() == 1

    # Ten minutes later.
    SubscriptionRequest.objects.update(requested_at=timezone.now() - datetime.timedelta(minutes=11))
    client.post("/newsletter/", signup_data("same@example.fr"))
    assert len(mail.outbox) == 2


def test_one_client_is_limited_and_told_so_in_french(client, home_page, settings):
    settings.NEWSLETTER_RATE_LIMIT_PER_CLIENT = 3
    for number in range(3):
        client.post("/newsletter/", signup_data(f"n{number}@example.fr"))
    response = client.post("/newsletter/", signup_data("n3@example.fr"))
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    html = response.content.decode()
    assert "Trop de demandes" in html
    assert 'value="n3@example.fr"' in html
    assert Subscriber.objects.count() == 3

    other = client.post("/newsletter/", signup_data("n4@example.fr"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302
    # The client address only ever appears in the cache, hashed.
    assert not any("127.0.0.1" in key for key in cache._cache)


def test_behind_the_proxy_one_client_at_its_limit_does_not_turn_others_away(client, home_page, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1/32"]
    through_proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for number in range(10):
        response = client.post(
            "/newsletter/",
            signup_data(f"n{number}@example.fr"),
            HTTP_X_FORWARDED_FOR="203.0.113.7",
            **through_proxy,
        )
        assert response.status_code == 302
    # The eleventh from that client, even with a made-up address in front of the proxy's entry.
    refused = client.post(
        "/newsletter/",
        signup_data("n10@example.fr"),
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7",
        **through_proxy,
    )
    assert refused.status_code == 429
    other = client.post(
        "/newsletter/", signup_data("autre@example.fr"), HTTP_X_FORWARDED_FOR="198.51.100.9", **through_proxy
    )
    assert other.status_code == 302


def test_an_ipv6_client_is_limited_by_its_64_network(client, home_page, settings):
    settings.NEWSLETTER_RATE_LIMIT_PER_CLIENT = 2
    for number in range(2):
        client.post(
            "/newsletter/", signup_data(f"n{number}@example.fr"), REMOTE_ADDR=f"2001:db8:1:2::{number + 1}"
        )
    same_network = client.post(
        "/newsletter/", signup_data("n2@example.fr"), REMOTE_ADDR="2001:db8:1:2:ffff::1"
    )
    other_network = client.post("/newsletter/", signup_data("n3@example.fr"), REMOTE_ADDR="2001:db8:1:3::1")
    assert (same_network.status_code, other_network.status_code) == (429, 302)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "http://testserver"},
    ],
    ids=["foreign-origin", "opaque-origin", "sec-fetch-site"],
)
def test_a_post_from_another_site_is_refused(client, home_page, headers):
    response = client.post("/newsletter/", signup_data(), **headers)
    assert response.status_code == 403
    assert "vient d’un autre site" in response.content.decode() or "autre site" in (response.content.decode())
    assert not Subscriber.objects.exists()


def test_a_post_from_this_site_passes_the_origin_check(client, home_page):
    response = client.post(
        "/newsletter/",
        signup_data(),
        HTTP_ORIGIN="http://testserver",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 302
    assert response["Location"] == "/newsletter/merci/"
    assert Subscriber.objects.with_email("camille@example.fr").get().status == PENDING
    assert len(mail.outbox) == 1


# ---- Links -----------------------------------------------------------------------------


def test_an_expired_confirmation_link_offers_to_sign_up_again(client, home_page, monkeypatch):
    client.post("/newsletter/", signup_data())
    path = confirm_path(mail.outbox[0])
    eight_days_later = time.time() + 8 * 24 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: eight_days_later)
    response = client.get(path)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ce lien n’est plus valable" in html
    assert 'class="newsletter-form"' in html
    assert Subscriber.objects.get().status == PENDING


def test_a_six_day_old_link_still_confirms(client, home_page, monkeypatch):
    client.post("/newsletter/", signup_data())
    path = confirm_path(mail.outbox[0])
    six_days_later = time.time() + 6 * 24 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: six_days_later)
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 200
    assert Subscriber.objects.get().status == CONFIRMED


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "x" + token,
        lambda token: "abc",
        lambda token: token.split(":")[0],
    ],
    ids=["signature", "payload", "garbage", "unsigned"],
)
def test_a_tampered_link_is_refused_without_a_500(client, home_page, tamper):
    client.post("/newsletter/", signup_data())
    token = confirm_path(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    response = client.get(f"/newsletter/confirmer/{tamper(token)}/")
    assert response.status_code == 400
    assert client.post(f"/newsletter/confirmer/{tamper(token)}/").status_code == 400
    assert Subscriber.objects.get().status == PENDING
    unsubscribe = client.post(f"/newsletter/desinscription/{tamper(token)}/")
    assert unsubscribe.status_code == 400


def test_a_used_link_and_an_erased_subscriber_link_are_refused(client, home_page):
    client.post("/newsletter/", signup_data())
    path = confirm_path(mail.outbox[0])
    first = client.post(path)
    assert first.status_code == 200
    assert [template.name for template in first.templates][0] == "newsletter/confirmed.html"
    confirmed_at = Subscriber.objects.get().confirmed_at
    reused = client.post(path)
    assert reused.status_code == 400
    assert [template.name for template in reused.templates][0] == "newsletter/link_invalid.html"
    assert client.get(path).status_code == 400
    assert Subscriber.objects.get().confirmed_at == confirmed_at  # the second visit changed nothing
    Subscriber.objects.all().delete()
    erased = client.post(path)
    assert erased.status_code == 400
    assert [template.name for template in erased.templates][0] == "newsletter/link_invalid.html"
    assert not Subscriber.objects.exists()  # a link never brings an erased address back


def test_an_old_confirmation_link_does_not_undo_an_unsubscription(client, home_page, make_subscriber):
    subscriber = make_subscriber("u@example.fr", PENDING)
    old_token = tokens.confirm_token(subscriber)
    subscriber.unsubscribe()
    assert client.get(f"/newsletter/confirmer/{old_token}/").status_code == 400
    assert client.post(f"/newsletter/confirmer/{old_token}/").status_code == 400
    assert Subscriber.objects.get().status == UNSUBSCRIBED


def test_an_unsubscribe_link_for_an_erased_subscriber_still_answers(client, home_page, make_subscriber):
    subscriber = make_subscriber()
    token = tokens.unsubscribe_token(subscriber)
    subscriber.delete()
    response = client.post(f"/newsletter/desinscription/{token}/")
    assert response.status_code == 200
    # The same answer as for a live address, and the address is not brought back.
    assert [template.name for template in response.templates][0] == "newsletter/unsubscribed.html"
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("link", ["confirmer", "desinscription", "reinscription"])
def test_link_pages_are_neither_cached_nor_indexed(client, home_page, make_subscriber, link):
    subscriber = make_subscriber()
    token = tokens.confirm_token(subscriber) if link == "confirmer" else tokens.unsubscribe_token(subscriber)
    response = client.get(f"/newsletter/{link}/{token}/")
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Referrer-Policy"] == "no-referrer"

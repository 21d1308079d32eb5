"""The emails a subscriber receives, each with plain-text and HTML parts, in French."""

from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from newsletter import tokens
from newsletter.models import EmailKind, Subscriber

CONFIRM = EmailKind.CONFIRM.value
ALREADY_SUBSCRIBED = EmailKind.ALREADY_SUBSCRIBED.value

SUBJECTS = {
    CONFIRM: "Confirmez votre inscription à la lettre d’information de l’OCCE",
    ALREADY_SUBSCRIBED: "Vous êtes déjà inscrit à la lettre d’information de l’OCCE",
}


def site_base_url() -> str:
    """The site's public address, WAGTAILADMIN_BASE_URL (required in production): the links of
    an email never come from the Host header of the request that asked for it."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"


def unsubscribe_url(subscriber: Subscriber) -> str:
    path = reverse("newsletter:unsubscribe", args=[tokens.unsubscribe_token(subscriber)])
    return urljoin(site_base_url(), path)


def build_message(subscriber: Subscriber, kind: str) -> EmailMultiAlternatives:
    base_url = site_base_url()
    unsubscribe = unsubscribe_url(subscriber)
    context = {
        "site_url": base_url,
        "unsubscribe_url": unsubscribe,
        "privacy_url": urljoin(base_url, settings.NEWSLETTER_PRIVACY_URL),
    }
    if kind == CONFIRM:
        path = reverse("newsletter:confirm", args=[tokens.confirm_token(subscriber)])
        context["confirm_url"] = urljoin(base_url, path)
    message = EmailMultiAlternatives(
        subject=SUBJECTS[kind],
        body=render_to_string(f"newsletter/emails/{kind}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers={
            # RFC 2369 and RFC 8058: mail clients offer a one-click unsubscribe
            # button that POSTs to this URL, with no cookie and no CSRF token.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string(f"newsletter/emails/{kind}.html", context), "text/html")
    return message

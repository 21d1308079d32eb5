"""Signed links: confirmation (expires after 7 days) and unsubscription (never expires).

The payload names the subscriber by its random `key`; django.core.signing makes it
tamper-proof, not secret, so the email address is never put in it.
"""

import datetime
import uuid

from django.core import signing
from django.utils import timezone

from newsletter.models import Subscriber

CONFIRM_MAX_AGE = datetime.timedelta(days=7)
_CONFIRM_SALT = "newsletter.confirm"
_UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


def confirm_token(subscriber: Subscriber) -> str:
    # "t", the time of issue, lets a later unsubscription void the links sent before it.
    return signing.dumps({"k": subscriber.key.hex, "t": timezone.now().timestamp()}, salt=_CONFIRM_SALT)


def unsubscribe_token(subscriber: Subscriber) -> str:
    # No expiry: an unsubscribe link in an old email must keep working (RFC 8058).
    return signing.dumps({"k": subscriber.key.hex}, salt=_UNSUBSCRIBE_SALT)


def _subscriber_for(data) -> Subscriber | None:
    if not isinstance(data, dict) or not isinstance(data.get("k"), str):
        return None
    try:
        key = uuid.UUID(hex=data["k"])
    except ValueError:
        return None
    return Subscriber.objects.filter(key=key).first()


def subscriber_to_confirm(token: str) -> Subscriber | None:
    """The subscriber a confirmation link may confirm, or None when the link is
    altered, expired, already used, or older than the last unsubscription."""
    try:
        data = signing.loads(token, salt=_CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired included
        return None
    subscriber = _subscriber_for(data)
    if subscriber is None or subscriber.status == Subscriber.Status.CONFIRMED:
        return None
    issued_at = data.get("t")
    if not isinstance(issued_at, int | float):
        return None
    if subscriber.unsubscribed_at and issued_at <= subscriber.unsubscribed_at.timestamp():
        return None
    return subscriber


def unsubscribe_key(token: str) -> uuid.UUID | None:
    """The subscriber key of a valid unsubscribe link, or None when it was altered."""
    try:
        data = signing.loads(token, salt=_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("k"), str):
        return None
    try:
        return uuid.UUID(hex=data["k"])
    except ValueError:
        return None

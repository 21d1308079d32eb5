"""Sending the newsletter's emails as background tasks.

They run on the "newsletter" task backend (settings.TASKS): immediate in dev and
tests, a queue in the database in production. The subscriber is saved before the
task is enqueued, so a mail server that is down loses nothing: on a backend that can
defer (the database one), a failed send is enqueued again later, with a growing delay.
What is given up on (a refusal, or the last retry failing) is kept as a FailedEmail,
which staff can send again from the admin or with `manage.py resend_failed_emails`.
"""

import datetime
import logging
import smtplib

from django.utils import timezone
from django_tasks import task

from newsletter import emails
from newsletter.models import FailedEmail, Subscriber

logger = logging.getLogger(__name__)

# Delays before attempts 2, 3, …: about nine hours of outage are covered, well within
# the seven days a confirmation link lasts. Then the task fails for good, recorded.
RETRY_DELAYS = [
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=6),
]


def smtp_codes(error: BaseException) -> list[int]:
    """The SMTP reply codes an error carries (none for a dropped connection or a timeout)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return [code for code, _ in error.recipients.values()]
    if isinstance(error, smtplib.SMTPResponseException):
        return [error.smtp_code]
    return []


def is_permanent(error: BaseException) -> bool:
    """A 5xx reply is the server's final word (RFC 5321): trying the same message again would
    meet it again. A 4xx reply (greylisting, a rate limit, a full mailbox), a dropped connection
    or a timeout may pass later."""
    codes = smtp_codes(error)
    return bool(codes) and all(500 <= code <= 599 for code in codes)


@task(backend="newsletter")
def send_subscription_email(subscriber_id: int, kind: str, base_url: str = "", attempt: int = 1):
    # `base_url` is not read: the links are built on WAGTAILADMIN_BASE_URL (emails.site_base_url).
    # It stays in the signature so that tasks queued with it still run.
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return "erased"
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return "unsubscribed"  # asked for nothing more since the email was queued
    if kind == emails.CONFIRM and subscriber.status == Subscriber.Status.CONFIRMED:
        return "already confirmed"
    message = emails.build_message(subscriber, kind)
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        if is_permanent(error):
            logger.warning(
                "Newsletter email to subscriber %s refused by the server: %s", subscriber_id, error
            )
            _give_up(subscriber, kind, attempt, error, refused=True)
            return "refused"
        if not _retry_later(subscriber_id, kind, base_url, attempt, error):
            _give_up(subscriber, kind, attempt, error, refused=False)
        raise  # this attempt is recorded as failed, with its traceback
    FailedEmail.objects.filter(subscriber=subscriber, email_kind=kind).delete()
    return "sent"


def _give_up(subscriber, kind, attempt, error, *, refused):
    FailedEmail.objects.update_or_create(
        subscriber=subscriber,
        email_kind=kind,
        defaults={
            "failed_at": timezone.now(),
            "attempts": attempt,
            "refused": refused,
            "error": f"{type(error).__name__}: {error}"[:1000],
        },
    )


def _retry_later(subscriber_id, kind, base_url, attempt, error) -> bool:
    """Enqueue the next attempt; False when there is none."""
    backend = send_subscription_email.get_backend()
    if not backend.supports_defer:
        # The immediate backend (dev, tests) cannot wait.
        logger.error(
            "Newsletter email to subscriber %s failed, not retried (backend %r): %s",
            subscriber_id,
            backend.alias,
            error,
        )
        return False
    if attempt > len(RETRY_DELAYS):
        logger.error(
            "Newsletter email to subscriber %s failed (attempt %s), no retry left: %s",
            subscriber_id,
            attempt,
            error,
        )
        return False
    delay = RETRY_DELAYS[attempt - 1]
    send_subscription_email.using(run_after=timezone.now() + delay).enqueue(
        subscriber_id, kind, base_url, attempt + 1
    )
    logger.warning(
        "Newsletter email to subscriber %s failed (attempt %s), retry in %s: %s",
        subscriber_id,
        attempt,
        delay,
        error,
    )
    return True

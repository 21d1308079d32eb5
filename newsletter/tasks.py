"""Sending the newsletter's emails as background tasks.

They run on the "newsletter" task backend (settings.TASKS): immediate in dev and
tests, a queue in the database in production. The subscriber is saved before the
task is enqueued, so a mail server that is down loses nothing: on a backend that can
defer (the database one), a failed send is enqueued again later, with a growing delay.
"""

import datetime
import logging
import smtplib

from django.utils import timezone
from django_tasks import task

from newsletter import emails
from newsletter.models import Subscriber

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


@task(backend="newsletter")
def send_subscription_email(subscriber_id: int, kind: str, base_url: str, attempt: int = 1):
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return "erased"
    if kind == emails.CONFIRM and subscriber.status == Subscriber.Status.CONFIRMED:
        return "already confirmed"
    message = emails.build_message(subscriber, kind, base_url)
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused:
        # The server refused the address itself: trying again would not help.
        logger.warning("Newsletter email to subscriber %s refused by the server", subscriber_id)
        return "refused"
    except (smtplib.SMTPException, OSError) as error:
        _retry_later(subscriber_id, kind, base_url, attempt, error)
        raise  # this attempt is recorded as failed, with its traceback
    return "sent"


def _retry_later(subscriber_id, kind, base_url, attempt, error):
    backend = send_subscription_email.get_backend()
    if not backend.supports_defer:
        # The immediate backend (dev, tests) cannot wait: the subscriber stays
        # pending and gets a new email when the form is sent again.
        logger.error(
            "Newsletter email to subscriber %s failed, not retried (backend %r): %s",
            subscriber_id,
            backend.alias,
            error,
        )
        return
    if attempt > len(RETRY_DELAYS):
        logger.error(
            "Newsletter email to subscriber %s failed (attempt %s), no retry left: %s",
            subscriber_id,
            attempt,
            error,
        )
        return
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

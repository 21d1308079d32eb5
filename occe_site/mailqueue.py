"""Sending the site's emails from the task queue, for every app that sends them (the newsletter's
confirmations, the contact form's messages).

A task sends one message with `send_or_retry()`. The data behind it is saved before the task is
enqueued, so a mail server that is down loses nothing: on a backend that can defer (the database
one, in production), a failed send is enqueued again later with a growing delay (RETRY_DELAYS).
A 5xx answer is final and never retried; a 4xx answer (greylisting, a rate limit, a full
mailbox), a dropped connection or a timeout are. What is given up on is handed to the caller's
`give_up`, which keeps it where staff can see it and send it again.
"""

import datetime
import logging
import smtplib
from collections.abc import Callable

from django.utils import timezone

logger = logging.getLogger(__name__)

# Delays before attempts 2, 3, …: about nine hours of outage are covered. Then the task fails
# for good, recorded by `give_up`.
RETRY_DELAYS = [
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=6),
]

SEND_ERRORS = (smtplib.SMTPException, OSError)


def smtp_codes(error: BaseException) -> list[int]:
    """The SMTP reply codes an error carries (none for a dropped connection or a timeout)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return [code for code, _ in error.recipients.values()]
    if isinstance(error, smtplib.SMTPResponseException):
        return [error.smtp_code]
    return []


def is_permanent(error: BaseException) -> bool:
    """A 5xx reply is the server's final word (RFC 5321): trying the same message again would
    meet it again. A 4xx reply, a dropped connection or a timeout may pass later."""
    codes = smtp_codes(error)
    return bool(codes) and all(500 <= code <= 599 for code in codes)


def describe(error: BaseException) -> str:
    """The error as staff read it in the admin, at most 1,000 characters."""
    return f"{type(error).__name__}: {error}"[:1000]


def send_or_retry(
    message,
    *,
    task,
    args: tuple,
    attempt: int,
    what: str,
    give_up: Callable[[BaseException, bool], None],
) -> str:
    """Send `message` (an EmailMessage) from inside `task`, called with `(*args, attempt)`.

    Returns "sent", or "refused" after a 5xx answer (`give_up(error, True)`). Any other failure
    enqueues `task` again with the next attempt number, or, with no retry left or a backend that
    cannot wait, calls `give_up(error, False)`; then the error is raised again, so that the task
    result records this attempt as failed, with its traceback. `what` names the message in logs.
    """
    try:
        message.send()
    except SEND_ERRORS as error:
        if is_permanent(error):
            logger.warning("%s refused by the server: %s", what, error)
            give_up(error, True)
            return "refused"
        if not _retry_later(task, args, attempt, what, error):
            give_up(error, False)
        raise
    return "sent"


def _retry_later(task, args, attempt, what, error) -> bool:
    """Enqueue the next attempt; False when there is none."""
    backend = task.get_backend()
    if not backend.supports_defer:
        # The immediate backend (dev, tests) cannot wait.
        logger.error("%s failed, not retried (backend %r): %s", what, backend.alias, error)
        return False
    if attempt > len(RETRY_DELAYS):
        logger.error("%s failed (attempt %s), no retry left: %s", what, attempt, error)
        return False
    delay = RETRY_DELAYS[attempt - 1]
    task.using(run_after=timezone.now() + delay).enqueue(*args, attempt + 1)
    logger.warning("%s failed (attempt %s), retry in %s: %s", what, attempt, delay, error)
    return True

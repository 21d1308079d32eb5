"""Sending the newsletter's emails as background tasks.

They run on the "newsletter" task backend (settings.TASKS): immediate in dev and
tests, a queue in the database in production. The subscriber is saved before the
task is enqueued, so a mail server that is down loses nothing: the queue retries
(occe_site/mailqueue.py), within the seven days a confirmation link lasts.
What is given up on (a refusal, or the last retry failing) is kept as a FailedEmail,
which staff can send again from the admin or with `manage.py resend_failed_emails`.
"""

from django.utils import timezone
from django_tasks import task

from newsletter import emails
from newsletter.models import FailedEmail, Subscriber
from occe_site.mailqueue import RETRY_DELAYS, describe, is_permanent, send_or_retry

__all__ = ["RETRY_DELAYS", "is_permanent", "send_subscription_email"]


@task(backend="newsletter")
def send_subscription_email(subscriber_id: int, kind: str, base_url: str, attempt: int = 1):
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return "erased"
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return "unsubscribed"  # asked for nothing more since the email was queued
    if kind == emails.CONFIRM and subscriber.status == Subscriber.Status.CONFIRMED:
        return "already confirmed"

    def give_up(error, refused):
        FailedEmail.objects.update_or_create(
            subscriber=subscriber,
            email_kind=kind,
            defaults={
                "failed_at": timezone.now(),
                "attempts": attempt,
                "refused": refused,
                "error": describe(error),
            },
        )

    outcome = send_or_retry(
        emails.build_message(subscriber, kind, base_url),
        task=send_subscription_email,
        args=(subscriber_id, kind, base_url),
        attempt=attempt,
        what=f"Newsletter email to subscriber {subscriber_id}",
        give_up=give_up,
    )
    if outcome == "sent":
        FailedEmail.objects.filter(subscriber=subscriber, email_kind=kind).delete()
    return outcome

"""What happens when someone asks for the newsletter, and when staff send an email again."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from newsletter import emails
from newsletter.consent import CURRENT_CONSENT_VERSION
from newsletter.models import Subscriber
from newsletter.tasks import send_subscription_email

EMAIL_INTERVAL = datetime.timedelta(minutes=10)
RESEND_ACTION = "newsletter.resend"


def may_email(subscriber: Subscriber, now: datetime.datetime) -> bool:
    """Whether one more request email fits the address's limits: one per 10 minutes, and
    settings.NEWSLETTER_EMAILS_PER_ADDRESS_PER_DAY and _PER_WEEK (one query)."""
    week = list(
        subscriber.requests.filter(requested_at__gt=now - datetime.timedelta(days=7)).values_list(
            "requested_at", flat=True
        )
    )
    last_day = [when for when in week if when > now - datetime.timedelta(days=1)]
    return (
        not any(when > now - EMAIL_INTERVAL for when in last_day)
        and len(last_day) < settings.NEWSLETTER_EMAILS_PER_ADDRESS_PER_DAY
        and len(week) < settings.NEWSLETTER_EMAILS_PER_ADDRESS_PER_WEEK
    )


def request_subscription(email: str, consent_page: str, *, lift_opt_out: bool = False) -> None:
    """Record the request and email the address, within its limits.

    New and pending addresses get a confirmation link; a confirmed one is told it already is
    subscribed; an unsubscribed one gets nothing, unless `lift_opt_out` (the request comes
    through a link we emailed to that address). The caller answers the same in every case, so
    the form never reveals whether an address is known or why nothing came.

    Nothing changes unless the email is queued: the request is recorded (its consent beside the
    first one, and the email counted against the limits) in the same transaction as the queued
    task, so a visitor who meets an error and tries again is not refused for a limit spent on
    nothing.
    """
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.get_for_request(email, consent_page)
        if subscriber.status == Subscriber.Status.UNSUBSCRIBED and not lift_opt_out:
            return
        if not may_email(subscriber, now):
            return
        if subscriber.status == Subscriber.Status.CONFIRMED:
            kind = emails.ALREADY_SUBSCRIBED
        else:
            kind = emails.CONFIRM
            # Pending again (an unsubscribed address that asked through our link); the 30-day
            # purge of unconfirmed addresses counts from this request.
            Subscriber.objects.filter(pk=subscriber.pk).update(
                status=Subscriber.Status.PENDING, requested_at=now
            )
        send_subscription_email.enqueue(subscriber.pk, kind)
        subscriber.requests.create(
            requested_at=now,
            consent_version=CURRENT_CONSENT_VERSION,
            consent_page=consent_page,
            email_kind=kind,
        )


def resend(failed_emails, user=None) -> int:
    """Queue the given FailedEmails again (as staff asked, beyond the visitors' limits), and
    write each to the audit log, naming the subscriber by number only."""
    count = 0
    for failed in failed_emails.select_related("subscriber"):
        with transaction.atomic():
            failed.delete()  # first: a new failure of this send writes a new row
            send_subscription_email.enqueue(failed.subscriber_id, failed.email_kind)
            log(
                instance=failed.subscriber,
                action=RESEND_ACTION,
                user=user,
                title=f"Abonné n°\u00a0{failed.subscriber_id}",
                data={"email": failed.email_kind},
            )
        count += 1
    return count

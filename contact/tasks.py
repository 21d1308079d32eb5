"""Mailing each contact message to its subject's recipients, from the task queue.

The message is saved before its task is enqueued (contact/models.py), and the task runs on the
site's mail queue, the "newsletter" backend of settings.TASKS (immediate in dev and tests, in
the database in production, sent by `manage.py db_worker --backend newsletter`). A mail server
that is down loses nothing: the queue retries (occe_site/mailqueue.py). A message given up on
keeps its error, shown in the admin's list of messages, and `manage.py resend_contact_messages`
queues it again.
"""

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from occe_site.mailqueue import describe, send_or_retry

SUBJECT_PREFIX = "[Site OCCE] "


def build_message(submission) -> EmailMessage:
    """The email to the recipients: every answer under its label, a reply going to the visitor."""
    page = submission.page.specific
    labels = dict(page.get_data_fields())
    answers = [
        (labels.get(name, name), ", ".join(value) if isinstance(value, list) else value)
        for name, value in submission.form_data.items()
    ]
    subject_field = page.subject_field_name()
    subject = submission.form_data.get(subject_field) if subject_field else None
    reply_to = [
        value
        for name, value in submission.form_data.items()
        if name in page.email_field_names() and isinstance(value, str) and value
    ][:1]
    return EmailMessage(
        subject=SUBJECT_PREFIX + " – ".join(part for part in (page.subject or page.title, subject) if part),
        body=render_to_string(
            "contact/emails/message.txt",
            {"page": page, "submission": submission, "answers": answers, "subject": subject},
        ),
        from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
        to=[address.strip() for address in submission.recipients.split(",") if address.strip()],
        reply_to=reply_to,
    )


@task(backend="newsletter")
def send_contact_message(submission_id: int, attempt: int = 1):
    submissions = apps.get_model("contact", "ContactSubmission").objects
    submission = submissions.filter(pk=submission_id).select_related("page").first()
    if submission is None:
        return "deleted"  # by staff, or by the retention period, meanwhile
    if submission.mailed_at:
        return "already sent"
    if not submission.recipients:
        return "no recipient"

    def give_up(error, refused):
        submissions.filter(pk=submission_id).update(
            mail_failed_at=timezone.now(),
            mail_attempts=attempt,
            mail_refused=refused,
            mail_error=describe(error),
        )

    outcome = send_or_retry(
        build_message(submission),
        task=send_contact_message,
        args=(submission_id,),
        attempt=attempt,
        what=f"Contact message {submission_id}",
        give_up=give_up,
    )
    if outcome == "sent":
        submissions.filter(pk=submission_id).update(
            mailed_at=timezone.now(),
            mail_attempts=attempt,
            mail_failed_at=None,
            mail_refused=False,
            mail_error="",
        )
    return outcome

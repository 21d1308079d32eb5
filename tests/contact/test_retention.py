"""Messages are deleted after the retention period, by a scheduled job."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from contact.models import ContactSubmission

pytestmark = pytest.mark.django_db


def make_submission(page, days_ago):
    submission = ContactSubmission.objects.create(page=page, form_data={"message": f"{days_ago} jours"})
    # submit_time is set on creation (auto_now_add): move it back.
    ContactSubmission.objects.filter(pk=submission.pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return submission


def test_the_default_retention_is_twelve_months():
    assert settings.CONTACT_SUBMISSION_RETENTION_DAYS == 365


def test_the_command_deletes_messages_older_than_the_retention_period(contact_page, settings):
    settings.CONTACT_SUBMISSION_RETENTION_DAYS = 30
    kept = [make_submission(contact_page, days) for days in (0, 29)]
    make_submission(contact_page, 31)
    make_submission(contact_page, 400)

    out = io.StringIO()
    call_command("purge_contact_submissions", "--dry-run", stdout=out)
    assert "2 message(s)" in out.getvalue()
    assert ContactSubmission.objects.count() == 4

    call_command("purge_contact_submissions", stdout=io.StringIO())
    assert set(ContactSubmission.objects.all()) == set(kept)


def test_the_command_is_a_scheduled_job():
    commands = [job["command"] for job in settings.SCHEDULED_JOBS]
    assert "purge_contact_submissions" in commands

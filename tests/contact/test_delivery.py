"""A mail server down loses no message: it is kept, and the database queue retries its email
(the retry rules shared with the newsletter, occe_site/mailqueue.py)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from contact.models import ContactSubmission
from contact.tasks import send_contact_message
from occe_site.mailqueue import RETRY_DELAYS

from .conftest import SMTPServer, message_data, submit_url

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "newsletter": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}


@pytest.fixture(autouse=True)
def keep_the_test_connection(monkeypatch):
    # The worker closes connections that are not in autocommit, as a test's transaction is not.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_QUEUE
    return settings


def run_worker():
    """What `manage.py db_worker --backend newsletter --batch` does, minus signals."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="newsletter",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def test_the_message_reaches_a_real_smtp_server(client, contact_page, smtp_server):
    client.post(submit_url(contact_page), message_data(sujet="Presse"))
    [message] = smtp_server.inbox.messages
    assert message["To"] == "presse@example.org, communication@example.org"
    assert message["Reply-To"] == "camille@example.fr"
    assert "sortie scolaire" in smtp_server.inbox.text(message)


def test_with_the_mail_server_down_the_message_is_kept_and_the_visitor_thanked(
    client, contact_page, smtp_settings
):
    response = client.post(submit_url(contact_page), message_data())
    assert response.status_code == 200
    assert "Merci pour votre message" in response.content.decode()
    submission = ContactSubmission.objects.get()
    assert submission.mailed_at is None
    assert submission.mail_failed_at is not None  # the immediate backend cannot retry
    assert "Connection refused" in submission.mail_error or "ConnectionRefused" in submission.mail_error


def test_the_database_queue_retries_until_the_mail_server_is_back(
    client, contact_page, smtp_settings, database_queue
):
    assert client.post(submit_url(contact_page), message_data()).status_code == 200
    submission = ContactSubmission.objects.get()
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "contact.tasks.send_contact_message"

    before = timezone.now()
    run_worker()  # SMTP refuses the connection
    queued.refresh_from_db()
    assert queued.status == "FAILED"
    [retry] = DBTaskResult.objects.filter(status="READY")
    assert retry.args_kwargs["args"] == [submission.pk, 2]
    assert retry.run_after >= before + RETRY_DELAYS[0]
    submission.refresh_from_db()
    assert submission.mail_failed_at is None  # not given up on

    server = SMTPServer(smtp_settings.EMAIL_PORT)
    server.start()
    try:
        DBTaskResult.objects.filter(pk=retry.pk).update(
            run_after=timezone.now() - datetime.timedelta(seconds=1)
        )
        run_worker()
    finally:
        server.stop()
    assert DBTaskResult.objects.get(pk=retry.pk).status == "SUCCESSFUL"
    [message] = server.inbox.messages
    assert message["To"] == "assurance@example.org"
    submission.refresh_from_db()
    assert submission.mailed_at is not None and submission.mail_attempts == 2


def test_a_temporary_refusal_is_tried_again_later(client, contact_page, database_queue, refusing_server):
    refusing_server("450 4.2.0 Greylisted, please try again later")
    client.post(submit_url(contact_page), message_data())
    run_worker()
    assert DBTaskResult.objects.exclude(status="READY").get().status == "FAILED"
    [retry] = DBTaskResult.objects.filter(status="READY")
    assert retry.args_kwargs["args"][-1] == 2
    assert ContactSubmission.objects.get().mail_failed_at is None


def test_a_permanent_refusal_is_not_tried_again_and_shown_to_staff(
    client, contact_page, database_queue, refusing_server
):
    refusing_server("550 5.1.1 No such user here")
    client.post(submit_url(contact_page), message_data())
    run_worker()
    [result] = DBTaskResult.objects.all()
    assert (result.status, result.return_value) == ("SUCCESSFUL", "refused")
    submission = ContactSubmission.objects.get()
    assert submission.mail_refused and "550" in submission.mail_error
    assert submission.get_data()["mail_status"] == "Refusé par le serveur de messagerie"


def test_the_last_retry_failing_is_kept_then_sent_again_by_the_command(
    client, contact_page, smtp_settings, database_queue
):
    client.post(submit_url(contact_page), message_data())
    submission = ContactSubmission.objects.get()
    DBTaskResult.objects.all().delete()
    send_contact_message.enqueue(submission.pk, len(RETRY_DELAYS) + 1)
    run_worker()
    submission.refresh_from_db()
    assert submission.mail_failed_at is not None
    assert submission.mail_status == f"En échec après {len(RETRY_DELAYS) + 1}\u00a0tentatives"
    assert not DBTaskResult.objects.filter(status="READY").exists()

    out = io.StringIO()
    call_command("resend_contact_messages", stdout=out)
    assert "1 message(s)" in out.getvalue()
    server = SMTPServer(smtp_settings.EMAIL_PORT)
    server.start()
    try:
        run_worker()
    finally:
        server.stop()
    assert len(server.inbox.messages) == 1
    submission.refresh_from_db()
    assert submission.mailed_at is not None and submission.mail_failed_at is None


def test_a_message_deleted_meanwhile_is_not_sent(contact_page, database_queue):
    submission = ContactSubmission.objects.create(page=contact_page, form_data={}, recipients="a@example.org")
    send_contact_message.enqueue(submission.pk)
    submission.delete()
    run_worker()
    assert DBTaskResult.objects.get().return_value == "deleted"

"""Mail server down: the subscriber is kept, and the database queue retries the email."""

import datetime
import io
import smtplib
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from newsletter.models import FailedEmail, Subscriber, SubscriptionRequest
from newsletter.tasks import RETRY_DELAYS, is_permanent, send_subscription_email

from .conftest import CONFIRM_LINK, SMTPServer, signup_data

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "newsletter": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}


@pytest.fixture(autouse=True)
def keep_the_test_connection(monkeypatch):
    # The worker closes connections that are not in autocommit, as a test's
    # transaction is not: keep it open, or PostgreSQL loses the test's data.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)


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


def test_with_the_mail_server_down_the_subscriber_is_kept_and_the_answer_neutral(
    client, home_page, smtp_settings
):
    response = client.post("/newsletter/", signup_data())
    assert (response.status_code, response["Location"]) == (302, "/newsletter/merci/")
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_QUEUE
    return settings


def test_the_database_queue_retries_until_the_mail_server_is_back(
    client, home_page, smtp_settings, database_queue
):
    response = client.post("/newsletter/", signup_data())
    assert response.status_code == 302  # enqueued, nothing sent during the request
    subscriber = Subscriber.objects.get()
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "newsletter.tasks.send_subscription_email"

    before = timezone.now()
    run_worker()  # SMTP refuses the connection
    queued.refresh_from_db()
    assert queued.status == "FAILED"
    assert "ConnectionRefusedError" in queued.traceback
    [retry] = DBTaskResult.objects.filter(status="READY")
    assert retry.args_kwargs["args"][-1] == 2  # second attempt
    assert retry.run_after >= before + RETRY_DELAYS[0]

    run_worker()  # not yet due: nothing runs
    assert DBTaskResult.objects.get(pk=retry.pk).status == "READY"

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
    assert message["To"] == subscriber.email

    link = CONFIRM_LINK.search(server.inbox.text(message)).group(0)
    assert client.post(urlsplit(link).path).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_the_last_retry_failing_keeps_the_email_for_staff(
    home_page, smtp_settings, database_queue, make_subscriber
):
    subscriber = make_subscriber("last@example.fr")
    last_attempt = len(RETRY_DELAYS) + 1
    send_subscription_email.enqueue(subscriber.pk, "confirm", "http://testserver/", last_attempt)
    run_worker()
    assert DBTaskResult.objects.get().status == "FAILED"  # recorded, not enqueued again
    failed = FailedEmail.objects.get()
    assert (failed.subscriber, failed.email_kind, failed.attempts, failed.refused) == (
        subscriber,
        "confirm",
        last_attempt,
        False,
    )
    assert "Connection refused" in failed.error


# ---- What the mail server answers --------------------------------------------------------


def test_a_temporary_refusal_is_tried_again_later(client, home_page, database_queue, refusing_server):
    refusing_server("450 4.2.0 Greylisted, please try again later")
    client.post("/newsletter/", signup_data())
    run_worker()
    [first] = DBTaskResult.objects.exclude(status="READY")
    assert first.status == "FAILED"
    [retry] = DBTaskResult.objects.filter(status="READY")
    assert retry.args_kwargs["args"][-1] == 2
    assert not FailedEmail.objects.exists()


def test_a_permanent_refusal_is_not_tried_again_and_is_kept_for_staff(
    client, home_page, database_queue, refusing_server
):
    refusing_server("550 5.1.1 No such user here")
    client.post("/newsletter/", signup_data())
    run_worker()
    [result] = DBTaskResult.objects.all()
    assert (result.status, result.return_value) == ("SUCCESSFUL", "refused")
    failed = FailedEmail.objects.get()
    assert failed.refused
    assert "550" in failed.error and failed.cause == "Refusé par le serveur de messagerie"


@pytest.mark.parametrize(
    ("error", "permanent"),
    [
        (smtplib.SMTPRecipientsRefused({"a@example.fr": (452, b"Too many recipients")}), False),
        (smtplib.SMTPRecipientsRefused({"a@example.fr": (550, b"No such user")}), True),
        (smtplib.SMTPDataError(451, b"Local error"), False),
        (smtplib.SMTPDataError(554, b"Message rejected as spam"), True),
        (smtplib.SMTPSenderRefused(421, b"Too many connections", "x@example.fr"), False),
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), False),
        (TimeoutError("timed out"), False),
    ],
)
def test_only_5xx_answers_are_permanent(error, permanent):
    assert is_permanent(error) is permanent


# ---- Spending the limit -------------------------------------------------------------------


def test_a_request_that_fails_before_the_email_is_queued_spends_no_limit(client, home_page, monkeypatch):
    class DatabaseGone:
        def enqueue(self, *args):
            raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("newsletter.subscriptions.send_subscription_email", DatabaseGone())
    response = client.post("/newsletter/", signup_data())
    assert response.status_code == 503
    assert not SubscriptionRequest.objects.exists()

    monkeypatch.undo()
    assert client.post("/newsletter/", signup_data()).status_code == 302
    assert len(mail.outbox) == 1


# ---- Workers that die, and sending again --------------------------------------------------


def claim(result, minutes_ago, worker="worker-1"):
    DBTaskResult.objects.filter(pk=result.pk).update(
        status="RUNNING",
        started_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        worker_ids=[*result.worker_ids, worker],
    )
    result.refresh_from_db()


def test_a_task_left_running_by_a_dead_worker_is_queued_again_then_sent(
    client, home_page, smtp_server, database_queue
):
    client.post("/newsletter/", signup_data())
    result = DBTaskResult.objects.get()
    claim(result, minutes_ago=20)  # the worker was killed mid-send
    recent = send_subscription_email.enqueue(Subscriber.objects.get().pk, "confirm", "http://testserver/")
    claim(DBTaskResult.objects.get(pk=recent.id), minutes_ago=2)  # still running, not stuck

    out = io.StringIO()
    call_command("requeue_stuck_tasks", stdout=out)
    assert "1 tâche(s) remise(s) en file" in out.getvalue()
    assert DBTaskResult.objects.get(pk=recent.id).status == "RUNNING"
    assert DBTaskResult.objects.get(pk=result.pk).status == "READY"
    run_worker()
    assert DBTaskResult.objects.get(pk=result.pk).status == "SUCCESSFUL"
    assert len(smtp_server.inbox.messages) == 1


def test_a_task_that_keeps_killing_its_workers_is_given_up_and_kept_for_staff(
    client, home_page, database_queue
):
    client.post("/newsletter/", signup_data())
    result = DBTaskResult.objects.get()
    for number in range(3):
        claim(result, minutes_ago=20, worker=f"worker-{number}")
    call_command("requeue_stuck_tasks", stdout=io.StringIO())
    assert DBTaskResult.objects.get().status == "FAILED"
    failed = FailedEmail.objects.get()
    assert failed.email_kind == "confirm" and "arrêté" in failed.error


def test_staff_send_failed_emails_again_from_the_command_line(home_page, make_subscriber, smtp_server):
    subscriber = make_subscriber("perdu@example.fr")
    FailedEmail.objects.create(subscriber=subscriber, email_kind="confirm", attempts=6, error="timed out")
    listing = io.StringIO()
    call_command("resend_failed_emails", stdout=listing)
    assert "perdu@example.fr" in listing.getvalue()
    assert "1 courriel(s) en échec" in listing.getvalue()
    assert not smtp_server.inbox.messages  # listing sends nothing

    call_command("resend_failed_emails", "--all", stdout=io.StringIO())
    [message] = smtp_server.inbox.messages
    assert message["To"] == "perdu@example.fr"
    assert CONFIRM_LINK.search(smtp_server.inbox.text(message)).group(0).startswith("http://testserver/")
    assert not FailedEmail.objects.exists()
    assert ModelLogEntry.objects.get(action="newsletter.resend").object_id == str(subscriber.pk)


def test_an_unsubscribed_address_is_not_sent_a_queued_email(home_page, make_subscriber):
    subscriber = make_subscriber("parti@example.fr", Subscriber.Status.UNSUBSCRIBED)
    assert send_subscription_email.call(subscriber.pk, "confirm", "http://testserver/") == "unsubscribed"
    assert not mail.outbox

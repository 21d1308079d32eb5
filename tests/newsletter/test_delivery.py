"""Mail server down: the subscriber is kept, and the database queue retries the email."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from newsletter.models import Subscriber
from newsletter.tasks import RETRY_DELAYS

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
    assert client.get(urlsplit(link).path).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_the_retries_stop_after_the_last_delay(home_page, smtp_settings, database_queue):
    from newsletter.tasks import send_subscription_email

    subscriber = Subscriber.objects.record_request("last@example.fr")
    last_attempt = len(RETRY_DELAYS) + 1
    send_subscription_email.enqueue(subscriber.pk, "confirm", "http://testserver/", last_attempt)
    run_worker()
    assert DBTaskResult.objects.get().status == "FAILED"  # recorded, not enqueued again
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()

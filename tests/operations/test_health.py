"""/sante/: JSON, never cached, 503 as soon as one check fails."""

import datetime

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsletter.tasks import send_subscription_email
from operations import health

pytestmark = pytest.mark.django_db


def test_all_is_well(client):
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    data = response.json()
    assert data["status"] == "ok"
    assert set(data["checks"]) == {"database", "cache", "tasks"}
    assert all(check["ok"] for check in data["checks"].values())


def test_a_task_waiting_too_long_fails_the_check(client, settings):
    settings.HEALTH_MAX_TASK_AGE = 60
    five_minutes_ago = timezone.now() - datetime.timedelta(minutes=5)
    task = DBTaskResult.objects.create(
        task_path=send_subscription_email.module_path,
        args_kwargs={"args": [1, "confirm", "http://testserver/"], "kwargs": {}},
        backend_name="newsletter",
        run_after=five_minutes_ago,
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=five_minutes_ago)
    response = client.get("/sante/")
    assert response.status_code == 503
    tasks = response.json()["checks"]["tasks"]
    assert not tasks["ok"] and tasks["oldest_waiting_seconds"] >= 299
    # Varnish's probe asks only for what an app server needs to answer.
    assert client.get("/sante/?checks=database,cache").status_code == 200


def test_a_database_failure_is_a_503_not_an_error(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("connexion refusée")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/sante/?checks=database")
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["error"] == "OperationalError: connexion refusée"


def test_a_broken_cache_fails_the_check(client, monkeypatch):
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)
    response = client.get("/sante/?checks=cache")
    assert response.status_code == 503

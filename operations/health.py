"""What /sante/ checks: the database, the cache and the background task queue.

Each check returns a dict with at least `ok`; a check that raises is reported as failed with
its error, never as a server error.
"""

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, F, Min, When
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def check_cache() -> dict:
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    value = cache.get(key)
    cache.delete(key)
    return {"ok": value == "ok"}


def check_tasks() -> dict:
    """The age of the oldest task waiting for a worker (0 when none waits): a stopped or
    overwhelmed `db_worker` shows here before editors or subscribers notice."""
    # A deferred task (a retry) waits from its run_after, the others from their enqueueing.
    waiting_since = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
    oldest = DBTaskResult.objects.ready().aggregate(oldest=Min(waiting_since))["oldest"]
    age = (timezone.now() - oldest).total_seconds() if oldest else 0
    return {
        "ok": age <= settings.HEALTH_MAX_TASK_AGE,
        "oldest_waiting_seconds": round(age, 1),
        "threshold_seconds": settings.HEALTH_MAX_TASK_AGE,
    }


CHECKS = {"database": check_database, "cache": check_cache, "tasks": check_tasks}


def run_checks(names) -> dict:
    results = {}
    for name in names:
        started = time.perf_counter()
        try:
            result = CHECKS[name]()
        except Exception as error:  # noqa: BLE001 (a health check reports, never raises)
            result = {"ok": False, "error": f"{type(error).__name__}: {error}"[:300]}
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[name] = result
    return results

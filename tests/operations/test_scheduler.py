"""The scheduler runs each job on its clock, once, and only while it holds the lock."""

import logging
import time

import pytest
from django.db import connection

from operations.scheduler import FileLock, Job, PostgresLock, Scheduler, jobs_from_settings


class FakeClock:
    def __init__(self, now=1_000_000.0):
        self.now = now

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def test_a_job_runs_at_the_next_point_of_its_clock_not_at_start():
    job = Job("publish_scheduled", every=60)
    job.schedule_after(1_000_030.0)
    assert job.next_run == 1_000_020.0 + 60  # 1_000_020 is a multiple of 60
    daily = Job("clearsessions", every=86_400, offset=7_200)
    daily.schedule_after(86_400 * 10 + 7_200)  # exactly at 02:00 UTC: the next day
    assert daily.next_run == 86_400 * 11 + 7_200


def test_the_production_schedule_publishes_every_minute():
    jobs = {job.name: job for job in jobs_from_settings()}
    assert jobs["publish_scheduled"].every == 60
    for name in ("searchpromotions_garbage_collect", "purge_pending_subscribers", "clearsessions"):
        assert jobs[name].every == 86_400


class AlwaysHeld:
    def acquire(self):
        return True

    def still_held(self):
        return True

    def release(self):
        pass


def test_jobs_run_on_their_clock_for_ten_minutes():
    clock = FakeClock(now=600.0 * 1000 + 1)
    ran = []
    jobs = [Job("publish_scheduled", every=60), Job("clearsessions", every=300, offset=30)]
    scheduler = Scheduler(
        jobs, AlwaysHeld(), clock=clock, sleep=clock.sleep, run=lambda job: ran.append(job.name)
    )
    end = clock.now + 600

    def sleep(seconds):
        clock.sleep(seconds)
        if clock.now >= end:
            scheduler.stop()

    scheduler.sleep = sleep
    scheduler.run_forever(max_loops=1)
    assert ran.count("publish_scheduled") == 10
    assert ran.count("clearsessions") == 2


def test_a_second_scheduler_stands_by(tmp_path, caplog):
    first, second = FileLock(tmp_path / "lock"), FileLock(tmp_path / "lock")
    assert first.acquire()
    ran = []
    standby = Scheduler([Job("publish_scheduled", every=60)], second, sleep=lambda s: None, run=ran.append)
    with caplog.at_level(logging.INFO, logger="operations.scheduler"):
        standby.run_forever(max_loops=3)
    assert ran == []
    assert "Un autre planificateur tourne déjà" in caplog.text
    first.release()
    assert second.acquire()  # the first one gone, the second takes over
    second.release()


@pytest.mark.django_db
def test_only_one_postgres_scheduler_holds_the_lock(postgres_only):
    first, second = PostgresLock(), PostgresLock()
    try:
        assert first.acquire()
        assert not second.acquire()
        first.release()  # its connection closes: the lock goes with it, once the server sees it
        for _ in range(50):
            if second.acquire():
                break
            time.sleep(0.1)
        else:
            pytest.fail("the lock was not released with its connection")
        assert connection.vendor == "postgresql"
    finally:
        first.release()
        second.release()

"""One scheduler for the site's periodic jobs, run by `manage.py run_scheduler`.

Each job runs at fixed points of the clock: every `every` seconds, shifted by `offset`
(a daily job with an offset of 3 h runs at 03:00 UTC). A (re)started scheduler waits for the
next point rather than running everything at once, so a restart never repeats a job.

Exactly one scheduler runs jobs: it first takes a lock that only one process can hold at a
time (a PostgreSQL advisory lock held by a connection of its own, or a file lock on SQLite,
which serves one machine anyway). A second scheduler started by mistake logs that it stands by
and takes over if the first one stops or loses its database connection.
"""

import fcntl
import logging
import time
import zlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections, connection

logger = logging.getLogger(__name__)

# The advisory lock's number: any constant the site does not use for another lock.
LOCK_ID = zlib.crc32(b"occe.run_scheduler")


@dataclass
class Job:
    command: str
    every: int  # seconds
    offset: int = 0  # seconds after each multiple of `every` (UTC)
    args: tuple = ()
    next_run: float = field(default=0.0, compare=False)

    @property
    def name(self):
        return " ".join((self.command, *self.args))

    def schedule_after(self, now: float) -> None:
        """The first point of this job's clock strictly after `now`."""
        periods = (now - self.offset) // self.every + 1
        self.next_run = periods * self.every + self.offset


def jobs_from_settings() -> list[Job]:
    return [Job(**job) for job in settings.SCHEDULED_JOBS]


class PostgresLock:
    """pg_try_advisory_lock on a connection of its own, which the lock lives and dies with."""

    def __init__(self):
        self.connection = None

    def acquire(self) -> bool:
        try:
            if self.connection is None:
                self.connection = connection.Database.connect(**connection.get_connection_params())
                self.connection.autocommit = True
            row = self.connection.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_ID]).fetchone()
        except Exception as error:  # noqa: BLE001 (the database is away: try again later)
            logger.warning("Verrou du planificateur impossible à prendre : %s", error)
            self.release()
            return False
        return bool(row[0])

    def still_held(self) -> bool:
        try:
            self.connection.execute("SELECT 1")
        except Exception:  # noqa: BLE001 (whatever the failure, the lock is gone with the connection)
            self.release()
            return False
        return True

    def release(self) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            except Exception:  # noqa: BLE001, S110 (closing a broken connection)
                pass
            self.connection = None


class FileLock:
    """flock on a file under VAR_DIR: one scheduler per machine (SQLite, development)."""

    def __init__(self, path=None):
        self.path = path or settings.VAR_DIR / "scheduler.lock"
        self.handle = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "w")  # noqa: SIM115 (held for the life of the scheduler)
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.release()
            return False
        return True

    def still_held(self) -> bool:
        return self.handle is not None

    def release(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def make_lock():
    return PostgresLock() if connection.vendor == "postgresql" else FileLock()


class Scheduler:
    def __init__(self, jobs, lock, *, clock=time.time, sleep=time.sleep, run=None, standby_retry=5.0):
        self.jobs = jobs
        self.lock = lock
        self.clock = clock
        self.sleep = sleep
        self.run_job = run or run_command
        self.standby_retry = standby_retry
        self.stopping = False

    def run_forever(self, max_loops=None) -> None:
        loops = 0
        while not self.stopping and (max_loops is None or loops < max_loops):
            loops += 1
            if not self.lock.acquire():
                logger.info(
                    "Un autre planificateur tourne déjà : en attente (nouvel essai dans %s s).",
                    self.standby_retry,
                )
                self.sleep(self.standby_retry)
                continue
            logger.info("Planificateur actif : %s tâches.", len(self.jobs))
            self.lead()
        self.lock.release()

    def lead(self) -> None:
        """Run the jobs on their clock while the lock is held."""
        now = self.clock()
        for job in self.jobs:
            job.schedule_after(now)
        while not self.stopping:
            due = min(job.next_run for job in self.jobs)
            wait = due - self.clock()
            if wait > 0:
                self.sleep(min(wait, 1.0))
                continue
            if not self.lock.still_held():
                logger.error("Verrou du planificateur perdu (base de données injoignable ?) : en attente.")
                return
            for job in self.jobs:
                if job.next_run <= self.clock():
                    self.run_job(job)
                    job.schedule_after(self.clock())

    def stop(self, *args) -> None:
        self.stopping = True


def run_command(job: Job) -> None:
    close_old_connections()
    started = time.monotonic()
    logger.info("Début : %s", job.name)
    try:
        call_command(job.command, *job.args)
    except Exception:
        logger.exception("Échec : %s", job.name)
    else:
        logger.info("Fin : %s (%.1f s)", job.name, time.monotonic() - started)
    finally:
        close_old_connections()

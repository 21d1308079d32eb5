"""Management commands: purge_pending_subscribers and export_subscribers."""

import csv
import datetime
import gc
import io
import time
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from wagtail.models import ModelLogEntry

from newsletter.models import Subscriber

PENDING, CONFIRMED = Subscriber.Status.PENDING, Subscriber.Status.CONFIRMED


class CountingSink:
    """A stdout that counts lines and keeps the first few, like a pipe to `wc -l`."""

    def __init__(self, keep=5):
        self.lines, self.head, self.keep = 0, [], keep

    def write(self, text):
        self.lines += text.count("\n")
        if len(self.head) < self.keep:
            self.head.append(text)

    def flush(self):
        pass

    def isatty(self):
        return False


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_purge_removes_only_pending_addresses_older_than_30_days(make_subscriber):
    old = timezone.now() - datetime.timedelta(days=31)
    recent = timezone.now() - datetime.timedelta(days=29)
    make_subscriber("stale@example.fr", PENDING, created_at=old, requested_at=old)
    make_subscriber("asked-again@example.fr", PENDING, created_at=old, requested_at=recent)
    make_subscriber("fresh@example.fr", PENDING)
    make_subscriber("kept@example.fr", CONFIRMED, created_at=old, requested_at=old)
    make_subscriber("gone@example.fr", Subscriber.Status.UNSUBSCRIBED, requested_at=old)

    out, _ = run("purge_pending_subscribers", "--dry-run")
    assert out == "1 adresse(s) en attente à effacer (simulation).\n"
    assert Subscriber.objects.count() == 5

    out, _ = run("purge_pending_subscribers")
    assert out == "1 adresse(s) en attente depuis plus de 30 jours effacée(s).\n"
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "asked-again@example.fr",
        "fresh@example.fr",
        "gone@example.fr",
        "kept@example.fr",
    ]


def test_export_command_writes_csv_of_one_status_and_audits_it(make_subscriber):
    confirmed_at = timezone.make_aware(datetime.datetime(2025, 3, 4, 10, 30))
    make_subscriber("a@example.fr", CONFIRMED, confirmed_at=confirmed_at)
    make_subscriber("@cmd@example.fr", CONFIRMED)
    make_subscriber("p@example.fr", PENDING)

    out, err = run("export_subscribers", "--status", "confirmed", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:3] == ["Adresse e-mail", "Statut", "Inscrit le"]
    assert [row[0] for row in rows[1:]] == ["a@example.fr", "'@cmd@example.fr"]
    assert rows[1][1:2] == ["Confirmé"]
    assert rows[1][3] == "2025-03-04 10:30:00"  # local time (Europe/Paris)
    assert err == "2 abonné(s) exporté(s).\n"

    entry = ModelLogEntry.objects.get(action="newsletter.export")
    assert entry.user is None
    assert entry.data["filters"] == {"status": "confirmed"}
    assert entry.data["rows"] == 2
    assert entry.data["source"].startswith("manage.py export_subscribers")


def test_export_command_writes_xlsx_to_a_file(make_subscriber, tmp_path):
    make_subscriber("=1+1@example.fr", CONFIRMED)
    path = tmp_path / "abonnes.xlsx"
    _, err = run("export_subscribers", "--format", "xlsx", "--output", str(path))
    assert err == "1 abonné(s) exporté(s).\n"
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A2"].value == "'=1+1@example.fr"
    assert sheet["A2"].data_type == "s"


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_export_files_are_readable_by_their_owner_only(make_subscriber, tmp_path, export_format):
    make_subscriber("a@example.fr", CONFIRMED)
    new = tmp_path / f"nouveau.{export_format}"
    existing = tmp_path / f"ancien.{export_format}"
    existing.write_text("un export d'hier")
    existing.chmod(0o644)
    for path in (new, existing):
        run("export_subscribers", "--format", export_format, "--output", str(path))
        assert path.stat().st_mode & 0o777 == 0o600, path
    # The old file was replaced, not appended to.
    if export_format == "csv":
        assert existing.read_text().splitlines()[1].startswith("a@example.fr,")
    else:
        assert openpyxl.load_workbook(existing).active["A2"].value == "a@example.fr"


def test_export_command_refuses_xlsx_on_standard_output(db):
    with pytest.raises(CommandError, match="--output"):
        run("export_subscribers", "--format", "xlsx")


def _vm_kib(name: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    raise LookupError(name)


@pytest.fixture
def peak_memory_growth():
    """Measure how far the process's peak resident memory rises during a block.

    Linux resets the peak (VmHWM) when "5" is written to /proc/self/clear_refs.
    tracemalloc would be exact but makes the export six times slower.
    """
    clear_refs = Path("/proc/self/clear_refs")
    try:
        clear_refs.write_text("5")
    except OSError:
        pytest.skip("needs Linux's /proc/self/clear_refs")

    class Growth:
        def __enter__(self):
            gc.collect()
            clear_refs.write_text("5")
            self.start = _vm_kib("VmRSS")
            return self

        def __exit__(self, *exc):
            self.kib = _vm_kib("VmHWM") - self.start

    return Growth()


def insert_confirmed_subscribers(count: int) -> None:
    """`count` confirmed subscribers in one INSERT … SELECT made on the server.

    bulk_create() spends 5 s (SQLite) to 10 s (PostgreSQL) preparing 100,000 rows in
    Python; generated by the database they take under a second.
    """
    if connection.vendor == "postgresql":
        numbers = "SELECT generate_series(1, %s) AS n"
        key = "lpad(to_hex(n), 32, '0')::uuid"
    else:
        numbers = (
            "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < %s) SELECT n FROM s"
        )
        key = "printf('%%032x', n)"
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    # Only constants are spliced into the SQL; the values go as parameters.
    sql = (
        f"INSERT INTO {Subscriber._meta.db_table} (email, key, status, created_at,"  # noqa: S608
        " requested_at, confirmed_at, consent_version, consent_page)"
        f" SELECT 'abonne' || n || '@example.fr', {key}, %s, %s, %s, %s, %s, ''"
        f" FROM ({numbers}) AS numbers"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [CONFIRMED, now, now, now, "2025-01", count])


def test_export_command_streams_100000_rows_in_constant_memory(db, peak_memory_growth):
    insert_confirmed_subscribers(100_000)
    assert Subscriber.objects.filter(status=CONFIRMED).count() == 100_000
    sink = CountingSink()
    started = time.monotonic()
    with peak_memory_growth as growth:
        call_command("export_subscribers", "--status", "confirmed", stdout=sink, stderr=io.StringIO())
    assert sink.lines == 1 + 100_000
    assert sink.head[1].startswith("abonne1@example.fr,Confirmé,")
    # Holding the 100,000 rows at once would take some 50 MB as tuples, far more as
    # model instances; read in chunks of 2,000, the export stays within a few MB.
    assert growth.kib < 20 * 1024, f"peak grew by {growth.kib / 1024:.1f} MB"
    assert time.monotonic() - started < 30

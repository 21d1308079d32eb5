#!/usr/bin/env python
"""Bounded load test: 50 concurrent clients for 60 s against gunicorn on PostgreSQL.

    python bench/load.py [--users 50] [--seconds 60] [--pages 10000]

Builds a PostgreSQL database (demo content and generated pages), serves it with gunicorn
under the production settings on 127.0.0.1, runs the Locust scenario of bench/locustfile.py
(pages, searches, newsletter signups), then checks that there was no 5xx and no error, and
that every signup that got a success answer is in the database. Prints requests per second
and p50, p95, p99 latencies.
"""

import argparse
import csv
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
OUT_DIR = BASE_DIR / "var" / "load"
PORT = 8077


def run(*args, env, **kwargs):
    return subprocess.run(list(args), cwd=BASE_DIR, env=env, check=True, **kwargs)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    database = "occe_load"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "occe_site.settings.production",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SERVE_MEDIA": "true",
        # Every simulated visitor comes from 127.0.0.1: lift the per-client signup limit.
        "NEWSLETTER_RATE_LIMIT_PER_CLIENT": "1000000",
        "LOG_LEVEL": "WARNING",
    }
    python = sys.executable
    print("== Preparing the database", flush=True)
    run("dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database, env=env)
    run("createdb", "-h", "127.0.0.1", "-U", "postgres", database, env=env)
    run(python, "manage.py", "migrate", "--noinput", "-v0", env=env)
    if subprocess.run([python, "manage.py", "help", "load_demo_content"], cwd=BASE_DIR, env=env,
                      capture_output=True, check=False).returncode == 0:  # fmt: skip
        run(python, "manage.py", "load_demo_content", env=env)
    run(
        python, "manage.py", "generate_content", "--pages", str(args.pages), "--seed", "1", "--quiet", env=env
    )
    run(python, "manage.py", "collectstatic", "--noinput", "-v0", env=env)
    count_before = subscriber_count(env)

    print(f"== gunicorn on 127.0.0.1:{PORT}, {args.workers} workers", flush=True)
    server = subprocess.Popen(
        [str(Path(python).parent / "gunicorn"), "occe_site.wsgi", "--bind", f"127.0.0.1:{PORT}",
         "--workers", str(args.workers), "--access-logfile", "-", "--log-level", "warning"],
        cwd=BASE_DIR, env=env, stdout=open(OUT_DIR / "gunicorn.log", "w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{PORT}/")
        signups_file = OUT_DIR / "signups.txt"
        print(f"== Locust: {args.users} clients for {args.seconds} s", flush=True)
        run(
            str(Path(python).parent / "locust"), "-f", "bench/locustfile.py", "--headless",
            "-u", str(args.users), "-r", str(args.users), "-t", f"{args.seconds}s",
            "--host", f"http://127.0.0.1:{PORT}", "--csv", str(OUT_DIR / "locust"), "--only-summary",
            env={**env, "LOAD_SIGNUPS_FILE": str(signups_file)},
        )  # fmt: skip
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    report(OUT_DIR / "locust_stats.csv")
    signed_up = [line for line in signups_file.read_text().splitlines() if line]
    missing = missing_signups(env, signed_up)
    server_errors = sum(1 for line in open(OUT_DIR / "gunicorn.log") if '" 5' in line)
    print(f"Inscriptions acceptées : {len(signed_up)} ; en base : {subscriber_count(env) - count_before} ; "
          f"manquantes : {len(missing)} ; réponses 5xx dans le journal de gunicorn : {server_errors}")  # fmt: skip
    failures = read_failures(OUT_DIR / "locust_failures.csv")
    if missing or server_errors or failures:
        print(
            f"ÉCHEC : {failures} erreurs, {server_errors} réponses 5xx, {len(missing)} inscriptions perdues"
        )
        sys.exit(1)
    print("OK : aucune erreur, aucune réponse 5xx, aucune inscription perdue.")


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (local server)
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer")


def psql(env, sql):
    result = run("psql", env["DATABASE_URL"], "-Atc", sql, env=env, capture_output=True, text=True)
    return result.stdout.strip()


def subscriber_count(env):
    return int(psql(env, "SELECT count(*) FROM newsletter_subscriber"))


def missing_signups(env, emails):
    if not emails:
        return []
    stored = set(
        psql(env, "SELECT email FROM newsletter_subscriber WHERE email LIKE 'charge-%'").splitlines()
    )
    return [email for email in emails if email not in stored]


def read_failures(path):
    if not path.exists():
        return 0
    with open(path) as handle:
        return sum(int(row["Occurrences"]) for row in csv.DictReader(handle))


def report(path):
    with open(path) as handle:
        rows = list(csv.DictReader(handle))
    print(f"{'':14} {'requêtes':>9} {'échecs':>7} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for row in rows:
        print(f"{row['Name']:14} {row['Request Count']:>9} {row['Failure Count']:>7} "
              f"{float(row['Requests/s']):8.1f} {row['50%']:>7} {row['95%']:>7} {row['99%']:>7}")  # fmt: skip


if __name__ == "__main__":
    main()

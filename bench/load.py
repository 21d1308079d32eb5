#!/usr/bin/env python
"""Bounded load test: 50 concurrent clients for 60 s through the production topology.

    python bench/load.py [--users 50] [--seconds 60] [--pages 10000]

Builds a PostgreSQL database (demo content and generated pages), starts the topology of
`make prod` (deploy/topology.py: Varnish in front of two gunicorn, the task workers, the
scheduler) under the production settings on 127.0.0.1, runs the Locust scenario of
bench/locustfile.py (pages, searches, newsletter signups) against Varnish, then checks that
there was no 5xx and no error, and that every signup that got a success answer is in the
database. Prints requests per second and p50, p95, p99 latencies.
"""

import argparse
import csv
import os
import shutil
import sys
from pathlib import Path

from production_server import PYTHON, prepare_database, run

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from deploy.topology import Topology, production_env  # noqa: E402 (the project's root, added above)

BASE_DIR = Path(__file__).resolve().parent.parent
OUT_DIR = BASE_DIR / "var" / "load"
VARNISH_PORT, APP_PORTS = 18360, (18362, 18363)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app server")
    args = parser.parse_args()

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(OUT_DIR / "logs", ignore_errors=True)
    database = "occe_deploy_load"
    # Every simulated visitor comes from 127.0.0.1: lift the per-client signup limit.
    env = production_env(
        database_url=f"postgres://postgres@127.0.0.1:5432/{database}",
        redis_url=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/10"),
        varnish_port=VARNISH_PORT,
        var_dir=OUT_DIR,
        CACHE_KEY_PREFIX=f"occe-load-{os.getpid()}",
        NEWSLETTER_RATE_LIMIT_PER_CLIENT="1000000",
        LOG_LEVEL="WARNING",
    )
    print("== Preparing the database", flush=True)
    prepare_database(env, database, generated_pages=args.pages)
    count_before = subscriber_count(env)

    print(f"== Varnish on {VARNISH_PORT}, gunicorn on {APP_PORTS}, {args.workers} workers each", flush=True)
    signups_file = OUT_DIR / "signups.txt"
    topology = Topology(env, varnish_port=VARNISH_PORT, app_ports=APP_PORTS, log_dir=OUT_DIR / "logs",
                        gunicorn_workers=args.workers)  # fmt: skip
    try:
        topology.start()
        print(f"== Locust: {args.users} clients for {args.seconds} s", flush=True)
        run(
            str(Path(PYTHON).parent / "locust"), "-f", "bench/locustfile.py", "--headless",
            "-u", str(args.users), "-r", str(args.users), "-t", f"{args.seconds}s",
            "--host", topology.url, "--csv", str(OUT_DIR / "locust"), "--only-summary",
            env={**env, "LOAD_SIGNUPS_FILE": str(signups_file)},
        )  # fmt: skip
    finally:
        topology.stop_all()

    report(OUT_DIR / "locust_stats.csv")
    signed_up = [line for line in signups_file.read_text().splitlines() if line]
    missing = missing_signups(env, signed_up)
    server_errors = sum(
        1 for port in APP_PORTS for line in open(OUT_DIR / "logs" / f"gunicorn-{port}.log") if '" 5' in line
    )
    print(f"Inscriptions acceptées : {len(signed_up)} ; en base : {subscriber_count(env) - count_before} ; "
          f"manquantes : {len(missing)} ; réponses 5xx dans le journal de gunicorn : {server_errors}")  # fmt: skip
    failures = read_failures(OUT_DIR / "locust_failures.csv")
    if missing or server_errors or failures:
        print(
            f"ÉCHEC : {failures} erreurs, {server_errors} réponses 5xx, {len(missing)} inscriptions perdues"
        )
        sys.exit(1)
    print("OK : aucune erreur, aucune réponse 5xx, aucune inscription perdue.")


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

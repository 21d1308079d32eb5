#!/usr/bin/env python
"""Django's own cost of a page Varnish does not have (a cache miss), against older code.

For each code tree (this one, and the trees given with --baseline NAME=GIT-REF, extracted with
git archive), runs Django's test client in a process under the production settings (PostgreSQL,
Redis), on the same database: the home page and the news index, --requests times each after a
warm-up, timing each request (wall clock and process time) and counting its SQL statements.
The rounds alternate between the trees, against the drift of a busy machine. Each tree has its
own Redis key prefix, so that none reads the fragments of another.

    python bench/cache_miss.py --database-url postgres://…/occe_x \
        --baseline main=main --baseline départ=97879a2 [--requests 200] [--rounds 3]

The database must hold the demo content (manage.py load_demo_content).
"""

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deploy.topology import BASE_DIR, PYTHON, production_env  # noqa: E402 (the root, added above)

PAGES = {"accueil": "/", "index": "/actualites/"}

SNIPPET = """
import json, statistics, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client, result = Client(), {}
for name, path in %(pages)r.items():
    for _ in range(5):
        assert client.get(path, HTTP_HOST="127.0.0.1").status_code == 200
    wall, cpu = [], []
    for _ in range(%(requests)d):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(path, HTTP_HOST="127.0.0.1")
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path, HTTP_HOST="127.0.0.1")
    wall.sort()
    result[name] = {
        "median": statistics.median(wall),
        "p95": wall[int(len(wall) * 0.95) - 1],
        "cpu": statistics.median(cpu),
        "queries": len(queries),
    }
print(json.dumps(result))
"""


def extract(ref, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", ref], cwd=BASE_DIR, capture_output=True, check=True).stdout
    with tempfile.TemporaryFile() as handle:
        handle.write(archive)
        handle.seek(0)
        with tarfile.open(fileobj=handle) as tar:
            tar.extractall(into, filter="data")
    return into


def tree_env(base_env, code_dir: Path, prefix: str) -> dict:
    return {**base_env, "VAR_DIR": str(code_dir / "var"), "CACHE_KEY_PREFIX": prefix}


def measure(code_dir: Path, env, requests) -> dict:
    code = SNIPPET % {"pages": PAGES, "requests": requests}
    result = subprocess.run([PYTHON, "manage.py", "shell", "-c", code], cwd=code_dir, env=env,
                            capture_output=True, text=True, check=False)  # fmt: skip
    if result.returncode:
        sys.exit(f"{code_dir}: {result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--media-root", required=True)
    parser.add_argument("--baseline", action="append", default=[], metavar="NAME=REF")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="occe-cache-miss-"))
    base_env = production_env(database_url=args.database_url, redis_url=args.redis_url, varnish_port=1,
                              var_dir=work, MEDIA_ROOT=args.media_root)  # fmt: skip
    base_env.pop("VARNISH_URLS")
    trees = {"ce code": (BASE_DIR, tree_env(base_env, work / "this", "bench-this"))}
    for number, spec in enumerate(args.baseline):
        name, ref = spec.split("=", 1)
        code_dir = extract(ref, work / f"tree-{number}")
        trees[name] = (code_dir, tree_env(base_env, code_dir, f"bench-{number}"))
    for code_dir, env in trees.values():
        Path(env["VAR_DIR"]).mkdir(parents=True, exist_ok=True)
        subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=code_dir, env=env,
                       check=True)  # fmt: skip

    runs = {name: [] for name in trees}
    for _ in range(args.rounds):
        for name, (code_dir, env) in trees.items():
            runs[name].append(measure(code_dir, env, args.requests))

    def best(name, page):  # the median round, by median time
        ordered = sorted((run[page] for run in runs[name]), key=lambda data: data["median"])
        return ordered[len(ordered) // 2]

    print(f"{'page':10} {'code':18} {'médiane ms':>10} {'p95 ms':>8} {'CPU ms':>8} {'SQL':>4}  rapports")
    for page in PAGES:
        for name in trees:
            data = best(name, page)
            ratios = "  ".join(
                f"×{best(other, page)['median'] / data['median']:.2f} vs {other}"
                for other in trees
                if other != name
            )
            print(f"{page:10} {name:18} {data['median']:10.2f} {data['p95']:8.2f} {data['cpu']:8.2f} "
                  f"{data['queries']:4d}  {ratios if name == 'ce code' else ''}")  # fmt: skip


if __name__ == "__main__":
    main()

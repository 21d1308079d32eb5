#!/usr/bin/env python
"""HTTP benchmark of the production topology, in one run (`make bench-http`):

1. Varnish serving a static file: the limit of the machine;
2. the home page, a news item, the news index and a search, cached, through Varnish;
3. the same pages uncached, on one gunicorn instance (2 workers), as after a purge;
4. the same pages uncached on an earlier revision (by default the code before the cache work,
   extracted from git), against the same database: the baseline of the speed-up.

wrk (Debian) with 2 threads and 8 connections, --seconds per measure. Prints requests per
second, p50, p95 and p99 and the ratios asked for: cached pages against the static file (at
least 80 %), p99 of a cached page (under 5 ms), uncached pages against the baseline.

    python bench/http_pages.py [--seconds 10] [--baseline REVISION | --no-baseline]
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deploy.topology import (  # noqa: E402 (the project's root, added above)
    BASE_DIR,
    BIN,
    PYTHON,
    Topology,
    ensure_database,
    manage,
    prepare,
    production_env,
    wait_for,
)

OUT_DIR = BASE_DIR / "var" / "bench-http"
DATABASE = "occe_deploy_bench_http"
VARNISH_PORT, APP_PORTS, BASELINE_PORT = 18340, (18342, 18343), 18345
LUA = Path(__file__).with_name("wrk_report.lua")
# The code before the cache work of issue 13 (19 SQL statements on the home page): the
# "today" of its figures, and the reference of the uncached pages' speed-up.
BASELINE_REVISION = "97879a2"
ROUNDS = 3  # uncached measures alternate between this code and the baseline, against drift

# Django's own CPU time per page (process time, in the app server's settings, SQL excluded):
# what other processes on a busy machine change least. Run in each code tree.
CPU_SNIPPET = """
import json, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client, result = Client(), {}
for path in %r:
    for _ in range(3):
        client.get(path, HTTP_HOST="127.0.0.1")
    best = []
    for _ in range(5):
        started = time.process_time()
        for _ in range(10):
            client.get(path, HTTP_HOST="127.0.0.1")
        best.append((time.process_time() - started) / 10 * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path, HTTP_HOST="127.0.0.1")
    result[path] = {"cpu_ms": min(best), "queries": len(queries)}
print(json.dumps(result))
"""


def wrk(url, seconds):
    result = subprocess.run(["wrk", "-t2", "-c8", f"-d{seconds}s", "--timeout", "10s", "-s", str(LUA), url],
                            capture_output=True, text=True, check=True)  # fmt: skip
    data = json.loads(result.stdout.strip().splitlines()[-1])
    data["rps"] = data["requests"] / data["seconds"]
    return data


def pages(base_url):
    """The pages measured: their paths, found on the site itself."""
    with urllib.request.urlopen(f"{base_url}/actualites/") as response:  # noqa: S310 (this machine)
        html = response.read().decode()
    article = re.search(r'href="(/actualites/(?!flux/)[a-z0-9-]+/)"', html).group(1)
    with urllib.request.urlopen(f"{base_url}/") as response:  # noqa: S310 (this machine)
        home = response.read().decode()
    static = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', home).group(1)
    return static, {"accueil": "/", "actualité": article, "index": "/actualites/",
                    "recherche": "/recherche/?q=coop%C3%A9ration"}  # fmt: skip


def cpu_per_page(env, code_dir, paths):
    result = subprocess.run([PYTHON, "manage.py", "shell", "-c", CPU_SNIPPET % (list(paths),)], cwd=code_dir,
                            env=env, capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def median(values):
    return sorted(values)[len(values) // 2]


def merge(runs):
    """The median run of several (by requests per second)."""
    return sorted(runs, key=lambda data: data["rps"])[len(runs) // 2]


def baseline_server(env, base_dir: Path, revision: str):
    """gunicorn on another revision of the code, extracted with git archive."""
    base = subprocess.run(["git", "rev-parse", revision], cwd=BASE_DIR, capture_output=True, text=True,
                          check=True).stdout.strip()  # fmt: skip
    archive = subprocess.run(["git", "archive", base], cwd=BASE_DIR, capture_output=True, check=True).stdout
    with tempfile.TemporaryFile() as handle:
        handle.write(archive)
        handle.seek(0)
        with tarfile.open(fileobj=handle) as tar:
            tar.extractall(base_dir, filter="data")
    env = {**env, "VAR_DIR": str(base_dir / "var")}
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=base_dir, env=env, check=True
    )
    log = open(OUT_DIR / "gunicorn-baseline.log", "w")  # noqa: SIM115 (closed with the process)
    server = subprocess.Popen([str(BIN / "gunicorn"), "occe_site.wsgi", "--bind", f"127.0.0.1:{BASELINE_PORT}",
                               "--workers", "2", "--log-level", "warning"], cwd=base_dir, env=env, stdout=log,
                              stderr=subprocess.STDOUT)  # fmt: skip
    wait_for(f"http://127.0.0.1:{BASELINE_PORT}/")
    return base[:10], server, env


def row(label, data, reference=None):
    ratio = f"{data['rps'] / reference['rps']:6.2f}" if reference else ""
    rps = f"{data['rps']:,.0f}".replace(",", "\u202f")
    return f"| {label} | {rps} | {data['p50']:.2f} | {data['p95']:.2f} | {data['p99']:.2f} | {data['errors']} | {ratio} |"


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument(
        "--baseline",
        default=BASELINE_REVISION,
        help="the revision the uncached pages are compared with (default: the code before issue 13)",
    )
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep the database of a previous run")
    args = parser.parse_args()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    database_url = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
    env = production_env(database_url=database_url, redis_url=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/10"),
                         varnish_port=VARNISH_PORT, var_dir=OUT_DIR, CACHE_KEY_PREFIX=f"occe-bench-{os.getpid()}",
                         LOG_LEVEL="WARNING")  # fmt: skip
    if not args.reuse:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE], check=True)
    ensure_database(database_url)
    print("== Base de démonstration, fichiers statiques", flush=True)
    prepare(env)
    manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
    topology = Topology(env, varnish_port=VARNISH_PORT, app_ports=APP_PORTS, log_dir=OUT_DIR / "logs")
    baseline = None
    results, speedups = [], []
    try:
        topology.start()
        static, measured = pages(topology.url)
        for path in [static, *measured.values()]:  # warm Varnish, renditions, caches
            for url in (topology.url + path, topology.app_url(0) + path):
                subprocess.run(["curl", "-s", "-o", "/dev/null", url], check=True)
        print(f"== wrk, 2 fils, 8 connexions, {args.seconds} s par mesure", flush=True)
        static_varnish = wrk(topology.url + static, args.seconds)
        results.append(("Fichier statique, Varnish", static_varnish, None))
        static_app = wrk(topology.app_url(0) + static, args.seconds)
        results.append(("Fichier statique, whitenoise (gunicorn)", static_app, None))
        cached = {}
        for name, path in measured.items():
            cached[name] = wrk(topology.url + path, args.seconds)
            results.append((f"{name}, en cache (Varnish)", cached[name], static_varnish))
        base_dir = Path(tempfile.mkdtemp(prefix="occe-baseline-", dir=OUT_DIR))
        if not args.no_baseline:
            base, baseline, baseline_env = baseline_server(env, base_dir, args.baseline)
        for name, path in measured.items():
            ours, theirs = [], []
            for _ in range(ROUNDS if baseline else 1):
                ours.append(wrk(topology.app_url(0) + path, args.seconds))
                if baseline:
                    theirs.append(wrk(f"http://127.0.0.1:{BASELINE_PORT}{path}", args.seconds))
            results.append((f"{name}, sans cache (gunicorn, 2 processus)", merge(ours), None))
            if baseline:
                results.append((f"{name}, sans cache, code de départ ({base})", merge(theirs), None))
                speedup = median([a["rps"] / b["rps"] for a, b in zip(ours, theirs, strict=True)])
                speedups.append((name, speedup))
        cpu = {"ce code": cpu_per_page(env, BASE_DIR, measured.values())}
        if baseline:
            cpu[f"code de départ ({base})"] = cpu_per_page(baseline_env, base_dir, measured.values())
    finally:
        if baseline is not None:
            baseline.terminate()
            baseline.wait()
        topology.stop_all()

    print(
        "\n| mesure | req/s | p50 ms | p95 ms | p99 ms | erreurs | rapport |\n|---|---:|---:|---:|---:|---:|---:|"
    )
    for label, data, reference in results:
        print(row(label, data, reference))
    worst = min(data["rps"] / static_varnish["rps"] for data in cached.values())
    slowest_p99 = max(data["p99"] for data in cached.values())
    print(f"\nPages en cache : au moins {worst:.0%} du débit du fichier statique (objectif ≥ 80 %) ; "
          f"p99 au plus {slowest_p99:.2f} ms (objectif < 5 ms).")  # fmt: skip
    for name, speedup in speedups:
        print(
            f"Sans cache, {name} : ×{speedup:.2f} par rapport au code de départ (médiane de {ROUNDS} paires)."
        )
    print("\n| page | " + " | ".join(f"{label} : processeur, requêtes SQL" for label in cpu) + " | rapport |")
    print("|---|" + "---:|" * (len(cpu) + 1))
    for name, path in measured.items():
        cells = [f"{data[path]['cpu_ms']:.1f} ms, {data[path]['queries']}" for data in cpu.values()]
        values = [data[path]["cpu_ms"] for data in cpu.values()]
        ratio = f"×{values[-1] / values[0]:.2f}" if len(values) > 1 else ""
        print(f"| {name} | " + " | ".join(cells) + f" | {ratio} |")
    (OUT_DIR / "results.json").write_text(json.dumps([(label, data) for label, data, _ in results], indent=1))


if __name__ == "__main__":
    main()

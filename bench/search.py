#!/usr/bin/env python
"""Search benchmark: the /recherche/ view against the stock Wagtail search, in the same run.

    python bench/search.py                       # PostgreSQL 10,000 and 100,000 pages, SQLite 10,000
    python bench/search.py --sizes 10000 --databases sqlite --runs 10

For each database and size it builds a fresh database (migrate, generate_content,
Wagtail's own update_index for the baseline), then, in a separate process bound
to it, times each query through Django's test client (middleware, view and
template included) and the stock search (`Page.objects.live().search(q)` with a
Paginator, no counts) on the same data. It prints p50 and p95 in milliseconds
and the ratio stock/ours, and writes them to var/bench/search-<db>-<size>.json.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
# This file is bench/search.py: keep it from hiding the project's `search` app.
sys.path[:] = [str(BASE_DIR)] + [p for p in sys.path if Path(p or ".").resolve() != BASE_DIR / "bench"]
OUT_DIR = BASE_DIR / "var" / "bench"
PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
STOCK_TIMEOUT_SECONDS = 30


def manage(*args, env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def build(database: str, size: int, seed: int, reuse: bool = False) -> dict:
    """A fresh database holding `size` generated pages, indexed both ways; returns its environment.
    With `reuse`, a database left by an earlier run is measured again as it is."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "occe_site.settings.test"}
    if database == "postgres":
        name = f"occe_bench_{size}"
        env["DATABASE_URL"] = f"{PG_URL}/{name}"
        exists = (
            subprocess.run(
                ["psql", env["DATABASE_URL"], "-Atc", "SELECT 1"], capture_output=True, check=False
            ).returncode
            == 0
        )
        if reuse and exists:
            manage("migrate", "--noinput", "-v0", env=env)
            return env
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    else:
        path = OUT_DIR / f"bench-{size}.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{path}"
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        if reuse and path.exists():
            manage("migrate", "--noinput", "-v0", env=env)
            return env
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    print(f"== {database}, {size:,} pages: building", flush=True)
    manage("migrate", "--noinput", "-v0", env=env)
    manage("generate_content", "--pages", str(size), "--seed", str(seed), env=env)
    started = time.monotonic()
    manage("update_index", "-v0", env=env)
    print(f"   Wagtail's own index (baseline) built in {time.monotonic() - started:.0f} s", flush=True)
    if database == "postgres":
        subprocess.run(["psql", env["DATABASE_URL"], "-qc", "VACUUM ANALYZE"], check=True)
    return env


# --- measuring, inside a process bound to one database --------------------------------------


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def choose_words(vocabulary, document_frequency, total):
    """Words by how many pages hold them: nearly all, about 10 %, about 0.1 %."""
    frequent = vocabulary.words[0]
    candidates = vocabulary.words[20:2000:7]
    frequencies = {word: document_frequency(word) for word in candidates}
    tenth = min(frequencies, key=lambda w: abs(frequencies[w] - total * 0.10))
    rare = min(frequencies, key=lambda w: abs(frequencies[w] - max(total * 0.001, 5)))
    accented = next(w for w in vocabulary.words[5:200] if w != w.encode("ascii", "ignore").decode()
                    and 0.02 * total < document_frequency(w) < 0.6 * total)  # fmt: skip
    return frequent, tenth, rare, accented


def measure(runs: int, stock_runs: int) -> dict:
    import django

    django.setup()
    from django.core.paginator import Paginator
    from django.db import connection
    from django.test import Client
    from wagtail.models import Page

    from devtools.vocabulary import Vocabulary
    from search.french import fold
    from search.models import SearchDocument

    total = SearchDocument.objects.count()
    vocabulary = Vocabulary(seed=1)

    def document_frequency(word):
        from search.engines import engine
        from search.request import SearchRequest

        outcome = engine().search(SearchRequest(query=word, per_page=1), site_root_path="0001")
        return sum(outcome.counts.values())

    frequent, tenth, rare, accented = choose_words(vocabulary, document_frequency, total)
    second = vocabulary.words[12]
    cases = [
        ("mot présent presque partout", {"q": frequent}),
        ("mot dans ~10 % des pages", {"q": tenth}),
        ("mot rare", {"q": rare}),
        ("deux mots", {"q": f"{frequent} {second}"}),
        ("mot accentué tapé sans accent", {"q": fold(accented)}),
        ("mot sans résultat", {"q": "zyxwvutsrq"}),
        ("navigation sans requête", {}),
        ("page 50 du mot fréquent", {"q": frequent, "page": 50}),
        ("expression entre guillemets", {"q": f'"{frequent} {second}"'}),
        ("expression avec un mot vide", {"q": f'"{second} de {frequent}"'}),
        ("négation", {"q": f"{tenth} -{frequent}"}),
        ("négation seule", {"q": f"-{frequent}"}),
        ("mot mal orthographié (+ correction)", {"q": tenth[:2] + tenth[3:]}),
        ("suggestions, préfixe de 3 lettres", {"q": frequent[:3], "_path": "/recherche/suggestions/"}),
        ("extraits surlignés seuls, 20 résultats", {"q": tenth, "_excerpts": True}),
    ]
    client = Client()

    def time_excerpts(query):
        """The excerpts of one page of 20 results alone (titles and fragments marked)."""
        from search.engines import engine
        from search.request import SearchRequest

        search_engine = engine()
        page_ids = search_engine.search(SearchRequest(query=query), site_root_path="0001").page_ids
        started = time.perf_counter()
        found = search_engine.highlights(query, page_ids)
        elapsed = (time.perf_counter() - started) * 1000
        assert len(found) == len(page_ids) == 20, (len(found), len(page_ids))
        return elapsed

    def time_view(params):
        params = dict(params)
        if params.pop("_excerpts", False):
            return time_excerpts(params["q"])
        path = params.pop("_path", "/recherche/")
        started = time.perf_counter()
        response = client.get(path, params)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, response.status_code
        return elapsed

    def time_stock(params):
        query = params.get("q")
        started = time.perf_counter()
        results = (
            Page.objects.live().search(query)
            if query
            else Page.objects.live().order_by("-first_published_at")
        )
        page = Paginator(results, 20).get_page(params.get("page", 1))
        list(page.object_list)
        return (time.perf_counter() - started) * 1000

    def guarded(function, params):
        """Run the stock search with a time limit: its worst cases take minutes."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {STOCK_TIMEOUT_SECONDS * 1000}")
        else:
            connection.ensure_connection()
            deadline = time.monotonic() + STOCK_TIMEOUT_SECONDS
            connection.connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        try:
            return function(params)
        except Exception:  # noqa: BLE001 - a timeout, reported as such
            connection.close()
            return None
        finally:
            if connection.vendor == "postgresql" and connection.connection:
                with connection.cursor() as cursor:
                    cursor.execute("SET statement_timeout = 0")
            elif connection.connection:
                connection.connection.set_progress_handler(None, 0)

    results = {"pages": total, "database": connection.vendor, "cases": []}
    for label, params in cases:
        time_view(params)  # warm up: content types, templates, plans
        ours = [time_view(params) for _ in range(runs)]
        stock = []
        # Wagtail has no suggestions, and no excerpts to time alone.
        for _ in range(0 if "_path" in params or "_excerpts" in params else stock_runs):
            elapsed = guarded(time_stock, params)
            if elapsed is None:
                stock = None
                break
            stock.append(elapsed)
        row = {
            "case": label,
            "params": params,
            "p50": statistics.median(ours),
            "p95": percentile(ours, 0.95),
            "stock_p50": statistics.median(stock) if stock else None,
            "stock_p95": percentile(stock, 0.95) if stock else None,
        }
        results["cases"].append(row)
        stock_text = (f"{row['stock_p50']:9.1f} {row['stock_p95']:9.1f}  ×{row['stock_p50'] / row['p50']:6.1f}"
                      if stock else "   —" if "_path" in params or "_excerpts" in params
                      else f"   > {STOCK_TIMEOUT_SECONDS} s (interrompu)")  # fmt: skip
        print(f"   {label:32} {json.dumps(params, ensure_ascii=False)[:44]:44} "
              f"{row['p50']:7.1f} {row['p95']:7.1f}   {stock_text}", flush=True)  # fmt: skip
    return results


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--databases", nargs="+", default=["postgres", "sqlite"], choices=["postgres", "sqlite"]
    )
    parser.add_argument("--sizes", nargs="+", type=int, default=None)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--stock-runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="Measure the databases of an earlier run again.")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure:
        print(json.dumps(measure(args.runs, args.stock_runs)), file=sys.stderr)
        return

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    plan = []
    for database in args.databases:
        sizes = args.sizes or ([10_000, 100_000] if database == "postgres" else [10_000])
        plan += [(database, size) for size in sizes]
    for database, size in plan:
        env = build(database, size, args.seed, reuse=args.reuse)
        print(
            f"== {database}, {size:,} pages: p50 / p95 in ms, ours then stock Wagtail, ratio stock ÷ ours (p50)"
        )
        process = subprocess.run(
            [sys.executable, __file__, "--measure", "--runs", str(args.runs), "--stock-runs", str(args.stock_runs)],
            cwd=BASE_DIR, env={**env, "PYTHONPATH": str(BASE_DIR)}, stderr=subprocess.PIPE, text=True, check=True,
        )  # fmt: skip
        result = json.loads(process.stderr.strip().splitlines()[-1])
        (OUT_DIR / f"search-{database}-{size}.json").write_text(
            json.dumps(result, indent=2, ensure_ascii=False)
        )


if __name__ == "__main__":
    main()

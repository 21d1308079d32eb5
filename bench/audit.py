#!/usr/bin/env python
"""Lighthouse on the production settings: the home page, a search and a resource page.

    python bench/audit.py [--runs 3]

Builds a PostgreSQL database with the demo content, serves it with gunicorn under the production
settings (static files compressed and hashed by collectstatic, served by whitenoise; media served
by Django, SERVE_MEDIA=true) on 127.0.0.1, and runs Lighthouse 12.2.3 (npm, package.json) with
Debian's Chromium, mobile profile, on each page `--runs` times. The run with the median
performance score is kept: its HTML report goes to var/lighthouse/<page>.html (regenerated, not
committed), and the four scores of every page to docs/lighthouse/scores.json and scores.md.

Target: 100 in every category; the command fails when a score is below 95. The one exception is
SEO on the search results, which carry `noindex` on purpose (Lighthouse then caps SEO): reported,
not counted.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from production_server import fetch, gunicorn, prepare_database, production_env

BASE_DIR = Path(__file__).resolve().parent.parent
OUT_DIR = BASE_DIR / "docs" / "lighthouse"  # the scores, committed
REPORT_DIR = BASE_DIR / "var" / "lighthouse"  # the HTML reports, 2,600 lines each, not committed
LOG_DIR = BASE_DIR / "var" / "audit"
LIGHTHOUSE = BASE_DIR / "node_modules" / ".bin" / "lighthouse"
PORT = 8078
DATABASE = "occe_audit"
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CATEGORIES = {
    "performance": "Performance",
    "accessibility": "Accessibilité",
    "best-practices": "Bonnes pratiques",
    "seo": "SEO",
}
# The pages audited: name, path, what it is. The resource is the demo's first, with a document.
PAGES = [
    ("accueil", "/", "Accueil"),
    ("recherche", "/recherche/?q=coop%C3%A9ration", "Recherche « coopération »"),
    ("ressource", "/ressources/mon-premier-agenda-cooperatif/", "Une ressource pédagogique"),
]
NOT_COUNTED = {("recherche", "seo")}  # noindex on purpose
MINIMUM = 95


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median kept)")
    args = parser.parse_args()

    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("Chromium introuvable : apt-get install chromium")
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse introuvable : npm ci (make audit le fait)")

    LOG_DIR.mkdir(parents=True, exist_ok=True)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    env = production_env(DATABASE, LOG_DIR)
    print("== Base PostgreSQL et contenu de démonstration", flush=True)
    prepare_database(env, DATABASE)

    print(f"== gunicorn sur 127.0.0.1:{PORT}", flush=True)
    with gunicorn(env, PORT, workers=2, log_path=LOG_DIR / "gunicorn.log") as base:
        for _name, path, _label in PAGES:
            fetch(f"{base}{path}")  # renditions made and caches filled before measuring
        results = {}
        for name, path, label in PAGES:
            results[name] = audit(name, f"{base}{path}", args.runs, chromium)
            print(f"{label:30} " + "  ".join(f"{CATEGORIES[c]} {results[name][c]}" for c in CATEGORIES))

    write_scores(results)
    low = [
        f"{name} {category} {score}"
        for name, scores in results.items()
        for category, score in scores.items()
        if score < MINIMUM and (name, category) not in NOT_COUNTED
    ]
    if low:
        sys.exit(f"ÉCHEC : sous {MINIMUM} : {', '.join(low)}")
    below_target = [
        f"{name} {category} {score}"
        for name, scores in results.items()
        for category, score in scores.items()
        if score < 100 and (name, category) not in NOT_COUNTED
    ]
    print("OK" + (f" (sous 100 : {', '.join(below_target)})" if below_target else " : 100 partout."))


def audit(name, url, runs, chromium):
    """Run Lighthouse `runs` times; keep the report whose performance score is the median."""
    reports = []
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        for number in range(runs):
            output = Path(folder) / f"{name}-{number}"
            reports.append((lighthouse(url, output, chromium), output.with_suffix(".report.html")))
        median = statistics.median_low([scores["performance"] for scores, _html in reports])
        scores, html = next(item for item in reports if item[0]["performance"] == median)
        shutil.copyfile(html, REPORT_DIR / f"{name}.html")
    return scores


def lighthouse(url, output, chromium, attempts=3):
    """One Lighthouse run's four scores. Lighthouse sometimes fails to record the trace of a
    load (NO_NAVSTART, a known flake of headless Chrome): that run is done again."""
    for attempt in range(1, attempts + 1):
        process = subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output=html",
             f"--output-path={output}", f"--only-categories={','.join(CATEGORIES)}",
             f"--chrome-flags={' '.join(CHROME_FLAGS)}", "--max-wait-for-load=60000"],
            cwd=BASE_DIR, env={**os.environ, "CHROME_PATH": chromium}, check=False,
        )  # fmt: skip
        report_file = output.with_suffix(".report.json")
        if process.returncode == 0 and report_file.exists():
            categories = json.loads(report_file.read_text())["categories"]
            if all(categories[c]["score"] is not None for c in CATEGORIES):
                return {c: round(categories[c]["score"] * 100) for c in CATEGORIES}
        print(f"Lighthouse a échoué sur {url} (essai {attempt}/{attempts}), nouvel essai", flush=True)
    raise RuntimeError(f"Lighthouse a échoué {attempts} fois sur {url}")


def write_scores(results):
    (OUT_DIR / "scores.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    lines = [
        "# Lighthouse 12.2.3, profil mobile",
        "",
        "`make audit` : réglages de production servis par gunicorn et whitenoise, contenu de démonstration.",
        "Les rapports complets de Lighthouse sont écrits dans `var/lighthouse/<page>.html`, hors de git.",
        "",
        "| Page | " + " | ".join(CATEGORIES.values()) + " |",
        "|---|" + "---|" * len(CATEGORIES),
    ]
    for name, _path, label in PAGES:
        cells = [
            f"{results[name][c]}{' (noindex voulu)' if (name, c) in NOT_COUNTED else ''}" for c in CATEGORIES
        ]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    (OUT_DIR / "scores.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()

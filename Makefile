# The project's verbs. `make run` and `make test` work on a fresh clone with
# only Python 3.11+ and make; everything else is installed into .venv.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --disable-pip-version-check -q -c constraints.txt
PORT ?= 8000
MANAGE := $(PY) manage.py
# Debian's Chromium, for the browser tests and Lighthouse (`apt-get install chromium`).
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser)

.PHONY: run prod install install-test npm-tools migrate test test-e2e lint check bench-search bench-http load audit clean varnish department-map

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(PY) pyproject.toml constraints.txt
	$(PIP) -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) -e ".[test]"
	@touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# axe-core, the Nu HTML Checker and Lighthouse, pinned by package-lock.json. No install
# scripts: vnu-jar's would download a Java, and the machine's Java 17 is used instead.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

npm-tools:
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory node_modules/.installed; \
	else echo "npm not found: the axe-core and Nu HTML Checker tests will be skipped"; fi

# The map of « Près de chez vous », static/img/carte-departements.svg, made again from the
# npm packages @svg-maps/* of package.json (CC BY 4.0). The result is committed: `make run`
# needs no npm.
department-map: npm-tools
	$(PYTHON) scripts/build_department_map.py

migrate: install
	$(MANAGE) migrate --noinput

run: migrate
	@if $(MANAGE) help load_demo_content >/dev/null 2>&1; then $(MANAGE) load_demo_content --address 127.0.0.1:$(PORT); fi
	$(MANAGE) ensure_superuser
	@echo "Site : http://127.0.0.1:$(PORT)/  –  administration : http://127.0.0.1:$(PORT)/admin/"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# The production topology on this machine (deploy/topology.py): Varnish on VARNISH_PORT in
# front of two gunicorn on APP_PORTS, the task workers and the scheduler, on DATABASE_URL
# (PostgreSQL, created if missing) and REDIS_URL. Ctrl-C stops it all.
VARNISH_PORT ?= 8080
APP_PORTS ?= 8001,8002
PROD_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/occe_prod)
PROD_REDIS_URL ?= $(or $(REDIS_URL),redis://127.0.0.1:6379/0)

prod: install varnish
	DATABASE_URL=$(PROD_DATABASE_URL) REDIS_URL=$(PROD_REDIS_URL) \
		$(PY) deploy/topology.py --varnish-port $(VARNISH_PORT) --app-ports $(APP_PORTS)

# Debian's Varnish 7 and its modules (xkey), and wrk for the benchmark.
varnish:
	@if ! command -v varnishd >/dev/null || ! dpkg -s varnish-modules >/dev/null 2>&1 || ! command -v wrk >/dev/null; then \
		echo "== apt-get install varnish varnish-modules wrk"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish varnish-modules wrk >/dev/null; \
	fi

# The unit tests, then the browser tests (tests/e2e/, a pytest run of their own) when
# Chromium is on the machine.
test: install-test npm-tools
	$(PY) -m pytest
	@if [ -n "$(CHROMIUM)" ]; then $(MAKE) --no-print-directory test-e2e; \
	else echo "e2e tests skipped: Chromium not found (apt-get install chromium)"; fi

test-e2e: install-test npm-tools
	CHROMIUM=$(CHROMIUM) $(PY) -m pytest tests/e2e

lint: install-test
	$(VENV)/bin/ruff check .

check: install-test
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var staticfiles node_modules

bench-search: install-test
	$(PY) bench/search.py

# wrk through Varnish (static file, cached pages) and on one gunicorn (uncached pages).
bench-http: install-test varnish
	$(PY) bench/http_pages.py

load: install-test varnish
	$(PIP) -e ".[test,load]"
	$(PY) bench/load.py

# Lighthouse (mobile) on the production settings with gunicorn and PostgreSQL: scores in
# docs/lighthouse/, the HTML reports in var/lighthouse/ (not committed).
audit: install-test node_modules/.installed
	$(PY) bench/audit.py

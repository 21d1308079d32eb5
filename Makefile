# The project's verbs. `make run` and `make test` work on a fresh clone with
# only Python 3.11+ and make; everything else is installed into .venv.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --disable-pip-version-check -q -c constraints.txt
PORT ?= 8000
MANAGE := $(PY) manage.py

.PHONY: run install install-test migrate test lint check bench-search load clean

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

migrate: install
	$(MANAGE) migrate --noinput

run: migrate
	@if $(MANAGE) help load_demo_content >/dev/null 2>&1; then $(MANAGE) load_demo_content; fi
	$(MANAGE) ensure_superuser
	@echo "Site : http://127.0.0.1:$(PORT)/  –  administration : http://127.0.0.1:$(PORT)/admin/"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install-test
	$(PY) -m pytest

lint: install-test
	$(VENV)/bin/ruff check .

check: install-test
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var staticfiles

bench-search: install-test
	$(PY) bench/search.py

load: install-test
	$(PIP) -e ".[test,load]"
	$(PY) bench/load.py

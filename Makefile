# HelpHub: the two commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) site/manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint setup content requirements clean

## run: install what is missing, migrate, load the content and serve HelpHub on http://$(HOST):$(PORT)/
run: $(VENV)/.installed
	@mkdir -p var
	@$(MANAGE) migrate --no-input -v0
	@$(MANAGE) load_content
	@echo ""
	@echo "HelpHub is running at http://$(HOST):$(PORT)/  (editors: http://$(HOST):$(PORT)/admin/)"
	@echo "Create an editor account with: $(MANAGE) createsuperuser    Stop with Ctrl+C."
	@$(MANAGE) runserver --noreload --skip-checks $(HOST):$(PORT)

## test: the whole test suite (lint, content checks, pytest) on the embedded default, or on DATABASE_URL/CACHE_URL
test: $(VENV)/.installed-dev
	@mkdir -p var
	$(VENV)/bin/ruff check site tests
	$(MANAGE) makemigrations --check --dry-run -v0
	$(PY) -m pytest

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check site tests
	$(VENV)/bin/ruff format --check site tests

content: $(VENV)/.installed
	$(MANAGE) load_content --check

$(VENV)/.python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "HelpHub needs Python 3.11 or newer (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	@touch $@

$(VENV)/.installed: $(VENV)/.python requirements.txt
	$(PY) -m pip install -q -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt
	@touch $@

## requirements: recompile the pinned requirements from requirements*.in
requirements: $(VENV)/.installed-dev
	$(PY) -m pip install -q pip-tools
	$(VENV)/bin/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(VENV)/bin/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf $(VENV) var site/static_collected

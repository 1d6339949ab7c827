# HelpHub: the two commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) site/manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The assistant: Rasa 3.6 in its own virtual environment on Python 3.10 (Rasa 3.6 supports no newer Python).
BOT_PYTHON ?= $(shell for p in "$$(pyenv root 2>/dev/null)"/versions/3.10.*/bin/python python3.10; do \
	"$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && { echo "$$p"; break; }; done)
BOT_VENV := .venv-bot
RASA := cd bot && PYTHONPATH=. ../$(BOT_VENV)/bin/rasa
BOT_MODEL := bot/models/helphub.tar.gz
BOT_DATA := bot/config.yml $(wildcard bot/domain/*.yml bot/data/*.yml bot/data/*/*.yml bot/components/*.py)
# Rasa sends usage data to a third party unless told not to: HelpHub makes no third-party requests.
export RASA_TELEMETRY_ENABLED := false
export TQDM_DISABLE := 1
RASA_PORT ?= 5005
ACTIONS_PORT ?= 5055

.PHONY: run test lint setup content requirements bot-requirements bot-test chromium nginx audit audit-lock audit-deps editor-screenshots arabic-screenshots clean

## run: install what is missing, migrate, load the content, train the assistant if its data changed, and serve
## HelpHub on http://$(HOST):$(PORT)/ with the assistant (Rasa on $(RASA_PORT), its actions on $(ACTIONS_PORT))
run: $(VENV)/.installed $(BOT_MODEL)
	@mkdir -p var
	@$(MANAGE) migrate --no-input -v0
	@$(MANAGE) load_content
	@trap 'kill 0' INT TERM EXIT; \
	(cd bot && HELPHUB_SITE_URL=http://$(HOST):$(PORT) ../$(BOT_VENV)/bin/python -m rasa_sdk --actions actions \
		--port $(ACTIONS_PORT) > ../var/actions.log 2>&1) & \
	(cd bot && PYTHONPATH=. ACTION_SERVER_URL=http://127.0.0.1:$(ACTIONS_PORT)/webhook ../$(BOT_VENV)/bin/rasa run \
		--model models/helphub.tar.gz --credentials credentials.yml --endpoints endpoints.yml \
		--interface 127.0.0.1 --port $(RASA_PORT) > ../var/rasa.log 2>&1) & \
	echo ""; \
	echo "HelpHub is running at http://$(HOST):$(PORT)/  (editors: http://$(HOST):$(PORT)/admin/)"; \
	echo "Chat with the assistant from any page, e.g. http://$(HOST):$(PORT)/es/ (it answers once Rasa has"; \
	echo "started, about 15 s; until then the chat gives the help finder). Logs: var/rasa.log, var/actions.log."; \
	echo "Create an editor account with: $(MANAGE) createsuperuser    Stop with Ctrl+C."; \
	HELPHUB_RASA_URL=http://127.0.0.1:$(RASA_PORT) $(MANAGE) runserver --noreload --skip-checks $(HOST):$(PORT)

## test: the whole test suite (lint, the assistant's own tests, pytest) on the embedded default, or on
## DATABASE_URL/CACHE_URL
test: $(VENV)/.installed-dev bot-test chromium nginx
	@mkdir -p var
	$(MAKE) lint
	$(MANAGE) makemigrations --check --dry-run -v0
	HELPHUB_BOT_VENV=$(BOT_VENV) $(PY) -m pytest

## audit: page weight, Lighthouse, the HTML checker and screenshots of the HelpHub running at $(HOST):$(PORT)
## (start it with make run first); figures in docs/performance.md
audit: $(VENV)/.installed-dev chromium
	cd audit && npm ci --no-audit --no-fund --silent
	$(PY) audit/audit.py --site http://$(HOST):$(PORT)

## editor-screenshots: the editor's guide's screenshots (docs/screenshots/editor-*.png), taken by the browser test of
## the editor's desk
editor-screenshots: $(VENV)/.installed-dev $(BOT_MODEL) chromium
	HELPHUB_BOT_VENV=$(BOT_VENV) HELPHUB_SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots $(PY) -m pytest tests/browser/test_editors_desk.py

## arabic-screenshots: Arabic on a phone, right to left (docs/screenshots/result-ar-phone.png, chat-ar-phone.png), taken
## by the Arabic browser journeys
arabic-screenshots: $(VENV)/.installed-dev $(BOT_MODEL) chromium
	HELPHUB_BOT_VENV=$(BOT_VENV) HELPHUB_SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots $(PY) -m pytest \
		tests/browser/test_right_to_left.py -k "arabic_speaking_parent or chats_in_arabic"

## audit-deps: known vulnerabilities in the pinned requirements (the site's and the assistant's), looked up with
## pip-audit; exits 3 when it could not check (see docs/dependencies.md)
audit-deps: $(VENV)/.installed-dev
	$(PY) scripts/audit_deps.py

## audit-lock: the audit's npm lock file installs with this machine's npm (CI runs it, so a stale lock cannot land)
audit-lock:
	cd audit && npm ci --dry-run --ignore-scripts --no-audit --no-fund > /dev/null

## chromium: Debian's Chromium for the browser tests (Playwright drives it by its path; its own download does not work)
chromium:
	@command -v chromium > /dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q > /dev/null && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium > /dev/null; }

## nginx: Debian's nginx and its cache purge module for tests/deploy/test_nginx.py (the packages deploy/nginx.Dockerfile
## installs); never left running as a service
nginx:
	@{ command -v nginx || test -x /usr/sbin/nginx; } > /dev/null 2>&1 \
		&& test -e /usr/share/nginx/modules/ngx_http_cache_purge_module.so || { \
		echo "Installing Debian's nginx and its cache purge module for the nginx tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q > /dev/null && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q \
			nginx libnginx-mod-http-cache-purge > /dev/null \
		&& { $$SUDO systemctl disable --now nginx > /dev/null 2>&1 \
			|| { $$SUDO update-rc.d nginx disable > /dev/null 2>&1; $$SUDO service nginx stop > /dev/null 2>&1; } \
			|| true; }; }

## bot-test: Rasa's checks of the assistant: its data, its conversations in every language, and its understanding
## of messages kept out of training, crisis messages included (fails below the thresholds in bot/scripts/evaluate.py)
bot-test: $(BOT_MODEL)
	$(RASA) data validate --fail-on-warnings --config tests/validate.yml --domain domain --data data
	$(RASA) test core --model models/helphub.tar.gz --stories tests/stories --out ../var/bot-results/core \
		--fail-on-prediction-errors --no-plot
	cd bot && ../$(BOT_VENV)/bin/python scripts/evaluate.py models/helphub.tar.gz ../var/bot-results

$(BOT_VENV)/.installed: bot/requirements.txt
	@test -n "$(BOT_PYTHON)" || { echo "The assistant needs Python 3.10 (set BOT_PYTHON=/path/to/python3.10)"; exit 1; }
	$(BOT_PYTHON) -m venv $(BOT_VENV)
	$(BOT_VENV)/bin/python -m pip install -q --upgrade pip
	$(BOT_VENV)/bin/python -m pip install -q -r bot/requirements.txt
	@touch $@

# Trained only when the assistant's data, domain or config changed.
$(BOT_MODEL): $(BOT_VENV)/.installed $(BOT_DATA)
	$(RASA) train --skip-validation --config config.yml --domain domain --data data --out models --fixed-model-name helphub
	@touch $@

## lint: ruff's checks on every Python file of ours (make test runs it first)
lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check site tests bot/actions bot/components bot/trackers.py bot/scripts audit scripts

content: $(VENV)/.installed
	$(MANAGE) load_content --check

## bot-requirements: re-pin the assistant's environment after changing rasa or rasa-sdk in it
bot-requirements: $(BOT_VENV)/.installed
	{ sed -n '1,6p' bot/requirements.txt; $(BOT_VENV)/bin/pip freeze --all --exclude pip; } > bot/requirements.txt.new
	mv bot/requirements.txt.new bot/requirements.txt

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
	rm -rf $(VENV) $(BOT_VENV) var site/static_collected bot/models bot/.rasa

# Himaya: `make run` and `make test` are all a newcomer needs (see README.md).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
AXE := node_modules/axe-core/axe.min.js
CHROMIUM := /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run serve worker test test-fast e2e lint format messages compilemessages webfonts lock chromium clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): $(PY) pyproject.toml requirements.lock
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) compilemessages webfonts $(AXE)

# axe-core for the browser tests' accessibility checks, from the npm registry at the version
# package-lock.json pins; the tests inject it into pages from node_modules (never a CDN).
$(AXE): package.json package-lock.json
	@command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(AXE)

# Translations are compiled at install time so no binary .mo file lives in git.
compilemessages: $(STAMP)
	$(BIN)/pybabel compile --domain django --directory locale --statistics 2>&1 | grep -v '^$$' || true
	@test -f locale/ar/LC_MESSAGES/django.mo

# The interface's subsetted WOFF2 fonts, cut from the installed font package (lms/webfonts.py).
# Built here so the first page is not kept waiting; the static files finder builds them too
# wherever this did not run (collectstatic on a server, a fresh test run).
webfonts: $(STAMP)
	$(PY) -m lms.webfonts

# Extracting strings needs GNU gettext (xgettext); installed here on demand.
messages: $(STAMP)
	@command -v xgettext >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext)
	$(PY) manage.py makemessages --locale ar --ignore '.venv/*' --ignore 'tests/*' --no-obsolete --no-wrap

lock: $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	$(PY) -m pip freeze --exclude-editable --exclude himaya | grep -v '^-e' > requirements.lock

chromium:
	@test -x $(CHROMIUM) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

# Links in invitation emails and on certificates (their QR codes) are built from the site's
# address: the one this server answers on, unless WAGTAILADMIN_BASE_URL says otherwise.
run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Himaya: http://$(HOST):$(PORT)/  (task worker running alongside; Ctrl-C stops both)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(PY) manage.py db_worker & \
	  while sleep 60; do $(PY) manage.py publish_scheduled >/dev/null; done & \
	  while true; do $(PY) manage.py send_expiry_reminders >/dev/null; sleep 3600; done & \
	  while sleep 300; do $(PY) manage.py refresh_completion_figures >/dev/null; $(PY) manage.py refresh_quiz_analytics >/dev/null; done & \
	  while sleep 600; do $(PY) manage.py render_certificates >/dev/null; done & \
	  $(PY) manage.py runserver $(HOST):$(PORT)

test: install chromium
	$(BIN)/pytest -q

# Only the browser tests: the journeys of every role in Chromium, with axe-core, page weight,
# phone-width and third-party checks (screenshots in $$HIMAYA_ARTIFACTS, default test-artifacts/).
e2e: install chromium
	$(BIN)/pytest -q -m e2e

# Without the browser tests: the quick loop while developing.
test-fast: install
	$(BIN)/pytest -q -m "not e2e"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run --settings=lms.settings.test

# Production settings with stand-in secrets (a deployment sets its own): Django's deployment
# checks with warnings as failures, no model change without its migration, and gunicorn's
# configuration loading the application.
PROD_CHECK_ENV := DJANGO_SETTINGS_MODULE=lms.settings.production \
	SECRET_KEY=prod-check-only-3f9c1a7e5b2d8c4f6a0e9b1d7c3a5f8e2b4d6c0a9e1f \
	ALLOWED_HOSTS=himaya.example.org HIMAYA_PSEUDONYM_KEY=prod-check-only-pseudonym-key-0123456789

prod-check: $(STAMP)
	$(PROD_CHECK_ENV) $(PY) manage.py check --deploy --fail-level WARNING
	$(PROD_CHECK_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(PROD_CHECK_ENV) $(BIN)/gunicorn --check-config -c gunicorn.conf.py lms.wsgi

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 media static_collected .webfonts node_modules test-artifacts

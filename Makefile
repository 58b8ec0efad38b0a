# The README's commands. `make run` serves the tracker; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
export HOST ?= 127.0.0.1
export PORT ?= 8000
# make serves plain HTTP on this machine: no redirect to HTTPS, cookies not HTTPS-only.
export TRACKER_SSL_REDIRECT ?= false
export TRACKER_SECURE_COOKIES ?= false

.PHONY: run test test-deep setup install browser wrk lint typecheck pytest bench reset-admin db-stop clean help vendor

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --editable '.[dev]'
	touch $(INSTALLED)

install: $(INSTALLED) vendor  ## create .venv and install the project with its dev tools

# TimelineJS (the admin's story timeline) from the npm registry, pinned in package.json. Its
# built files are committed under $(TIMELINEJS), so a clone runs offline; this target copies
# them again from node_modules whenever package.json names another version (needs npm then).
TIMELINEJS := tracker/backoffice/static/vendor/timelinejs
TIMELINEJS_DIST := node_modules/@knight-lab/timelinejs/dist

vendor: $(TIMELINEJS)/VERSION  ## copy TimelineJS's built JS and CSS from npm into the static files

$(TIMELINEJS)/VERSION: package.json
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "npm not found: keeping the committed $(TIMELINEJS)"; touch $@; exit 0; fi; \
	npm install --no-audit --no-fund --silent && \
	rm -rf $(TIMELINEJS) && mkdir -p $(TIMELINEJS)/js $(TIMELINEJS)/css/icons && \
	cp $(TIMELINEJS_DIST)/js/timeline.js $(TIMELINEJS_DIST)/js/timeline.js.LICENSE.txt $(TIMELINEJS)/js/ && \
	cp $(TIMELINEJS_DIST)/css/timeline.css $(TIMELINEJS)/css/ && \
	cp $(TIMELINEJS_DIST)/css/icons/* $(TIMELINEJS)/css/icons/ && \
	cp node_modules/@knight-lab/timelinejs/LICENSE $(TIMELINEJS)/ && \
	node -p "require('@knight-lab/timelinejs/package.json').version" > $@

.local/secret_key:
	@mkdir -p .local
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(48))" > $@

# On the embedded server, migrations run as its owner and the tracker serves as this role,
# which may only INSERT and SELECT events (with DATABASE_URL set, roles are the operator's).
APP_ROLE ?= tracker_app
AS_OWNER := $(if $(DATABASE_URL),,TRACKER_APP_ROLE=$(APP_ROLE))
AS_APP := $(if $(DATABASE_URL),,TRACKER_DB_USER=$(APP_ROLE))

setup: install .local/secret_key  ## migrate, load the sample story, ensure the admin user
	SECRET_KEY=$${SECRET_KEY:-$$(cat .local/secret_key)} $(AS_OWNER) \
	  $(PY) manage.py setup

run: setup  ## set up and serve on http://$(HOST):$(PORT)
	SECRET_KEY=$${SECRET_KEY:-$$(cat .local/secret_key)} TRACKER_DB_POOL=$${TRACKER_DB_POOL:-true} \
	  $(AS_APP) $(PY) manage.py serve

test: install browser lint typecheck pytest  ## set up, then ruff, mypy and the whole test suite

browser:  ## install Debian's chromium for the browser tests when it is missing
	@command -v chromium >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

wrk:  ## install Debian's wrk (bench/api.py's load generator) when it is missing
	@command -v wrk >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

lint: install  ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install  ## mypy
	$(VENV)/bin/mypy

pytest: install  ## the test suite against real PostgreSQL
	$(VENV)/bin/pytest

test-deep: install  ## the property tests with many more random cases (HYPOTHESIS_PROFILE=deep)
	HYPOTHESIS_PROFILE=deep $(VENV)/bin/pytest -m hypothesis

bench: setup wrk  ## the benchmarks, each beside its baseline
	$(PY) bench/append.py
	SECRET_KEY=$${SECRET_KEY:-$$(cat .local/secret_key)} $(PY) bench/rebuild.py
	SECRET_KEY=$${SECRET_KEY:-$$(cat .local/secret_key)} $(PY) bench/api.py

reset-admin: install .local/secret_key  ## print a new password for the admin user
	SECRET_KEY=$${SECRET_KEY:-$$(cat .local/secret_key)} $(PY) manage.py ensure_admin --reset

db-stop: install  ## stop the embedded PostgreSQL server
	$(PY) -c "from tracker.devdb import stop_embedded_server; stop_embedded_server()"

clean:  ## remove the virtual environment and local data
	rm -rf $(VENV) .local

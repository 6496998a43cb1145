# The two commands a newcomer needs: `make run` and `make test`. Everything else is set up by them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export REFLEX_USE_NPM := 1
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := 0
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test run-prod jobs lint bench bench-lighthouse deps deps-dev system-deps runtime-deps test-tools clean

run: deps runtime-deps ## set up and start the app with its demo data and local stand-ins
	$(PY) -m dorna_app run

test: deps-dev system-deps test-tools ## set up and run the whole suite: SQLite, PostgreSQL, browsers, Redis
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest

run-prod: deps runtime-deps ## production: PostgreSQL and Redis from the environment, several workers (see README)
	$(PY) -m dorna_app serve

jobs: deps runtime-deps ## run every due billing job once (what cron calls)
	$(PY) -m dorna_app jobs run

lint: deps-dev
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports --no-cache

bench: deps-dev system-deps ## the benchmarks under bench/ (they print their figures)
	cd bench && ../$(PY) invoices_browser.py && ../$(PY) live_push.py && ../$(PY) daily_jobs.py && ../$(PY) settle_load.py
	cd bench && ../$(PY) lighthouse.py

bench-lighthouse: deps-dev system-deps ## only the Lighthouse comparison with a blank Reflex app (~10 min)
	cd bench && ../$(PY) lighthouse.py

deps: $(VENV)/.deps-run
deps-dev: $(VENV)/.deps-dev

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.deps-run: requirements.txt constraints.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.deps-dev: requirements-dev.txt $(VENV)/.deps-run
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Browser-side test tools (axe-core), pinned in tools/package-lock.json, with the venv's own Node.
test-tools: tools/node_modules/.installed

tools/node_modules/.installed: tools/package-lock.json | $(VENV)/.deps-run
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" npm ci --prefix tools --no-audit --no-fund --loglevel=error
	touch $@

# The tests drive Debian's Chromium (Playwright cannot download browsers here) and start their own
# PostgreSQL and Redis servers from Debian's packages; install whichever is missing.
# The app itself needs Pango (WeasyPrint lays out the invoice PDFs with it); the tests also read PDFs
# with poppler's pdftotext and pdftoppm.
PANGO_CHECK = ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0'
define apt_install
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

runtime-deps:
	@missing=""; \
	$(PANGO_CHECK) || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"; \
	$(apt_install)

system-deps: runtime-deps
	@missing=""; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	$(apt_install)

clean:
	rm -rf $(VENV) .web .web-* var test-artifacts tools/node_modules

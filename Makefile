# The two commands a newcomer needs: `make run` and `make test`. Everything else is set up by them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export REFLEX_USE_NPM := 1
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := 0
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint deps deps-dev browser clean

run: deps ## set up and start the app with its demo data and local stand-ins
	$(PY) -m dorna_app run

test: deps-dev browser ## set up and run the whole suite, browser tests included
	$(PY) -m ruff check .
	$(PY) -m pytest

lint: deps-dev
	$(PY) -m ruff check .

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

# Playwright cannot download its browsers here: the tests drive Debian's Chromium.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf $(VENV) .web var test-artifacts

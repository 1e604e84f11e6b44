# VSI Portal – the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run test lint fmt messages check-deploy clean audit demo-otp loadcheck screenshots

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --constraint constraints.txt --editable '.[dev]'
	touch $(STAMP)

VNU := node_modules/vnu-jar/build/dist/vnu.jar

$(VNU): package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $(VNU)

install: $(STAMP) ## Create .venv and install the pinned dependencies

run: $(STAMP) ## Migrate, load the demo data and serve on http://127.0.0.1:8000
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	DEBUG=$${DEBUG:-true} $(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP) $(VNU) ## Run the whole test suite (SQLite, or DATABASE_URL / CELERY_BROKER_URL when set)
	$(PY) -m pytest

lint: $(STAMP) ## ruff check, format check, and the import floors (import-linter)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

fmt: $(STAMP) ## Format and fix the code with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: $(STAMP) ## Refresh the catalogues, fill them from locale/fr/sources/*.json, compile
	$(PY) manage.py makemessages --locale fr --locale en --no-obsolete --ignore '.venv/*' --ignore 'static/*' --ignore 'tests/*'
	$(PY) scripts/po_fill.py locale/fr/sources/*.json
	$(PY) manage.py compilemessages --ignore '.venv/*'

audit: $(STAMP) ## Known vulnerabilities in the pinned dependencies (pip-audit; exceptions in .pip-audit-ignore)
	scripts/audit_dependencies.sh

demo-otp: $(STAMP) ## Print the demo France Volontaires admin's current two-factor code (local demo only)
	DEBUG=true $(PY) manage.py demo_otp_code

screenshots: $(STAMP) ## Screenshots of the key pages (desktop and mobile) into docs/screenshots/, from the demo data
	$(PY) scripts/screenshots.py

loadcheck: $(STAMP) ## 50 volunteers search and apply for 60 s against gunicorn on loopback (needs PostgreSQL)
	$(PY) -m loadcheck

.PHONY: bench
bench: $(STAMP) ## Seed (or reuse) a national-scale portal on PostgreSQL and check every budget (REBUILD=1 seeds again)
	$(PY) -m bench run $(if $(filter 1 true yes,$(REBUILD)),--rebuild,)

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) db.sqlite3 private_media staticfiles

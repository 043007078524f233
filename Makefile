# Notts Community Hub: two commands to get going, `make demo` and `make test`.
# Run `make help` for the rest.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
CSS := cms/static/css/main.css

.DEFAULT_GOAL := help
.PHONY: help install static demo serve migrate test test-browser messages lint format worker beat totp clean

help: ## List the commands
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CSS): $(NODE_INSTALLED) $(wildcard static_src/scss/*.scss)
	npm run --silent build:css

install: $(INSTALLED) ## Create .venv and install Python dependencies

static: $(NODE_INSTALLED) $(CSS) ## Install GOV.UK Frontend, Leaflet and axe-core from npm; build the CSS

migrate: install ## Apply database migrations
	$(MANAGE) migrate --no-input

demo: install static migrate ## Load demo content and serve on http://127.0.0.1:8000
	$(MANAGE) load_demo
	@echo "Serving on http://127.0.0.1:8000 (Ctrl+C to stop)"
	$(MANAGE) runserver 127.0.0.1:8000

serve: install static ## Serve without reloading demo content
	$(MANAGE) runserver 127.0.0.1:8000

test: install static ## Run the test suite (SQLite, or the database in DATABASE_URL)
	$(BIN)/pytest

test-browser: install static ## Run the browser tests in Debian's Chromium
	$(BIN)/pytest -m browser

messages: ## Compile locale/en_GB (the site's wording for allauth's strings)
	msgfmt -o locale/en_GB/LC_MESSAGES/django.mo locale/en_GB/LC_MESSAGES/django.po

lint: install ## ruff, the mypy type check, Django's checks and a check for missing migrations
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

format: install ## Format and fix what ruff can
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

worker: install ## Run a Celery worker (needs REDIS_URL)
	$(BIN)/celery -A cms worker --loglevel=info

beat: install ## Run Celery beat, the scheduler of periodic tasks (needs REDIS_URL)
	$(BIN)/celery -A cms beat --loglevel=info

totp: install ## Print the demo staff login's current authenticator code
	@$(MANAGE) demo_totp_code

clean: ## Remove the virtualenv, node_modules, built CSS and the SQLite database
	rm -rf $(VENV) node_modules $(CSS) db.sqlite3 staticfiles

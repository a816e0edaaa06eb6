# Vallöften: `make run` serves the site with the embedded SQLite database, `make test` runs
# every check CI runs (lint, migrations, fixtures, the suite on SQLite and on PostgreSQL).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-dev
PG_URL ?= postgres://postgres@127.0.0.1:5432/valloften
TEST_SECRET := test-secret-key-not-for-production

.PHONY: run install data fixtures migrate test test-sqlite test-postgres lint format lock clean bench bench-scale messages system-deps

$(STAMP): requirements-dev.lock requirements-pip.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-pip.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $(STAMP)

install: $(STAMP)

## run: install from the lock, migrate, load all data, start the task worker beside the web
## server, serve http://127.0.0.1:8000 (Ctrl-C stops both)
run: data
	$(PY) manage.py db_worker --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput

## data: load reference data and the parsed programs (repeatable; editors' work is kept)
data: migrate
	$(PY) manage.py load_data

## fixtures: re-parse fixtures/programs/ (after adding or changing a program text)
fixtures: $(STAMP)
	$(PY) manage.py build_fixtures

## test: everything CI checks
test: system-deps lint test-sqlite test-postgres

## system-deps: what the tests need beyond Python (Debian packages), installed when missing
SYSTEM_DEPS := chromium:chromium msgfmt:gettext xgettext:gettext
system-deps:
	@missing=""; for pair in $(SYSTEM_DEPS); do cmd=$${pair%%:*}; pkg=$${pair##*:}; \
	  command -v $$cmd >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "The tests need these Debian packages:$$missing (sudo apt-get install$$missing)" >&2; exit 1; fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py build_fixtures --check
	$(PY) manage.py update_catalogues --check

test-sqlite: export DJANGO_SECRET_KEY ?= $(TEST_SECRET)
test-sqlite: $(STAMP)
	DATABASE_URL=sqlite:///$(CURDIR)/test.sqlite3 EXPECT_DB_VENDOR=sqlite $(BIN)/pytest

test-postgres: export DJANGO_SECRET_KEY ?= $(TEST_SECRET)
test-postgres: $(STAMP)
	@$(PY) -c "import psycopg, sys; psycopg.connect('$(PG_URL)'.rsplit('/', 1)[0] + '/postgres', connect_timeout=5).close()" \
	  || { echo "PostgreSQL at $(PG_URL) is not reachable: start it (see README) or set PG_URL." >&2; exit 1; }
	DATABASE_URL=$(PG_URL) EXPECT_DB_VENDOR=postgresql $(BIN)/pytest

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## lock: re-pin dependencies after changing pyproject.toml
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet pip-tools
	.venv-lock/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements.lock pyproject.toml
	.venv-lock/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --extra dev -o requirements-dev.lock pyproject.toml
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) staticfiles media .pytest_cache .ruff_cache test.sqlite3

## messages: collect UI texts into locale/ (sv, en) and compile; fill in the English ones
messages: $(STAMP)
	$(PY) manage.py update_catalogues

## bench: parser accuracy on the seeds and on the corpus (dev and test parts, and two readers' agreement), speed, memory
bench: $(STAMP)
	$(PY) manage.py evaluate_parser
	$(PY) manage.py evaluate_parser --corpus --agreement --json parser-benchmark.json
	$(PY) -m tests.bench_readers

## bench-scale: the whole country (SCALE=1, about 416,000 pledges) in its own PostgreSQL
## database, served by gunicorn; p50/p95, queries and bytes per page type → bench-scale.json
bench-scale: $(STAMP)
	$(PY) -m tests.bench_scale

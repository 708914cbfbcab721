# NTM Tracker: `make run` (SQLite demo) and `make test` (PostgreSQL).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
DATABASE_URL ?= postgres://localhost/ntm
export DATABASE_URL_TEST := $(DATABASE_URL)

.PHONY: run serve test lint format venv dev-venv messages clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.installed $@

venv: $(VENV)/.installed
dev-venv: $(VENV)/.installed-dev

# First run: migrate, load reference data and demo data (once), then serve.
run: venv
	@mkdir -p var
	env -u DATABASE_URL DJANGO_SETTINGS_MODULE=ntm.settings.local $(PY) manage.py migrate --noinput
	env -u DATABASE_URL DJANGO_SETTINGS_MODULE=ntm.settings.local $(PY) manage.py bootstrap_demo
	env -u DATABASE_URL DJANGO_SETTINGS_MODULE=ntm.settings.local $(PY) manage.py runserver 127.0.0.1:8000

# Production-like: DEBUG off, WhiteNoise (compressed, hashed static files), a Celery worker for background jobs
# (Redis as broker) and gunicorn with 3 workers on
# $(SERVE_BIND). SECRET_KEY: the environment's, else one generated once into var/secret_key. DATABASE_URL: the
# environment's, else `make run`'s SQLite file (a demo; PostgreSQL in production, README "Deployment").
SERVE_BIND ?= 127.0.0.1:8000
WORKER_CONCURRENCY ?= 1  # Celery processes for background jobs (the province workbooks), beside gunicorn
SERVE_DATABASE_URL = $(if $(filter environment command,$(origin DATABASE_URL)),$(DATABASE_URL),sqlite:///$(CURDIR)/var/ntm.sqlite3)
serve: venv
	@mkdir -p var
	@test -s var/secret_key || (umask 077 && $(PY) -c "import secrets; print(secrets.token_urlsafe(64))" > var/secret_key)
	export DJANGO_SETTINGS_MODULE=ntm.settings.production DATABASE_URL="$(SERVE_DATABASE_URL)" \
		SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" && \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	$(PY) manage.py migrate --noinput && \
	{ $(VENV)/bin/celery -A ntm worker --loglevel=INFO --concurrency=$(WORKER_CONCURRENCY) & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(VENV)/bin/gunicorn -c ops/gunicorn.conf.py --bind $(SERVE_BIND); }

PYTEST_ARGS ?= -n 2
test: dev-venv
	@DATABASE_URL="$(DATABASE_URL)" $(PY) -m ntm.lib.dbcheck
	DATABASE_URL="$(DATABASE_URL)" $(VENV)/bin/ruff check .
	DATABASE_URL="$(DATABASE_URL)" $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: dev-venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: dev-venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: dev-venv
	$(PY) manage.py makemessages -l vi --ignore=.venv --ignore=static --ignore=bench --no-obsolete
	$(PY) manage.py compilemessages -l vi --ignore=.venv

clean:
	rm -rf $(VENV) var/ntm.sqlite3 staticfiles .pytest_cache

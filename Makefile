# NTM Tracker: `make run` (SQLite demo) and `make test` (PostgreSQL).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
DATABASE_URL ?= postgres://localhost/ntm
export DATABASE_URL_TEST := $(DATABASE_URL)

.PHONY: run test lint format venv dev-venv messages clean

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
	$(PY) manage.py makemessages -l vi --ignore=.venv --ignore=static --no-obsolete
	$(PY) manage.py compilemessages -l vi --ignore=.venv

clean:
	rm -rf $(VENV) var/ntm.sqlite3 staticfiles .pytest_cache

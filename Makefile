# loti-data. `make run` brings the product up with demo data; `make test` runs the whole suite.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
# make test runs against real PostgreSQL and Redis; override these to point elsewhere.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/loti_data
TEST_BROKER_URL ?= redis://127.0.0.1:6379/0
# The suite runs in parallel processes (pytest-xdist), each with its own test database and Redis
# database (tests/support/xdist_redis.py); PYTEST_WORKERS=0 runs it in this one process.
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=
# DEMO_OIDC=1 make run also starts a local OpenID Connect provider (loti_data/demo_oidc.py) on
# DEMO_OIDC_PORT and shows "Sign in with your organisation (demo)" on the log-in page.
DEMO_OIDC ?=
DEMO_OIDC_PORT ?= 9400
export DEMO_OIDC DEMO_OIDC_PORT
ifneq ($(filter 1 true yes,$(DEMO_OIDC)),)
OIDC_PROCESS := "oidc=$(PY) -m loti_data.demo_oidc $(DEMO_OIDC_PORT)"
endif

.PHONY: install run test lint bench chromium libreoffice wrk services clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	@touch $@

# loti_data/supervise.py runs the three and stops them all within 10 s of SIGINT or SIGTERM,
# however `make run` was started.
run: install
	@mkdir -p var/broker/queue var/broker/processed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo
	@echo "loti-data is starting at http://$(HOST):$(PORT)/  (Ctrl-C stops the web server, worker and beat)"
	@$(if $(OIDC_PROCESS),echo "Demo organisation sign-in: a provider on http://127.0.0.1:$(DEMO_OIDC_PORT)/ (try newofficer@camden.example)")
	@echo
	@exec $(PY) -P loti_data/supervise.py \
	  "web=$(PY) manage.py runserver --noreload $(HOST):$(PORT)" \
	  "worker=$(VENV)/bin/celery -A loti_data worker --loglevel=info --concurrency=2" \
	  "beat=$(VENV)/bin/celery -A loti_data beat --loglevel=info --schedule=var/celerybeat-schedule" \
	  $(OIDC_PROCESS)

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Browser tests need Debian's chromium: sudo apt-get install -y chromium"; exit 1; \
	  fi; }

libreoffice:
	@command -v libreoffice >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing LibreOffice Writer: a test opens the .docx drafts in it"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      --no-install-recommends libreoffice-writer-nogui >/dev/null; \
	  else \
	    echo "Without LibreOffice the test that opens the drafts in it is skipped:" \
	      "sudo apt-get install -y libreoffice-writer-nogui"; \
	  fi; }

wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's wrk for the HTTP benchmark"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else \
	    echo "make bench drives gunicorn with Debian's wrk: sudo apt-get install -y wrk"; exit 1; \
	  fi; }

services: install
	@DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) $(PY) tests/check_services.py

test: install chromium libreoffice services
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) \
	  $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# BENCH_PROJECTS=100000 adds the growth figures; BENCH_HTTP_SECONDS=0 skips gunicorn and wrk.
bench: install services wrk
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) \
	  $(PY) -m tests.bench

clean:
	rm -rf var/db.sqlite3 var/broker var/celerybeat-schedule* var/staticfiles

# The Regieportaal's two commands: `make run` and `make test`. Everything else is a helper of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
VNU := node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: run test lint install install-test migrate seed bench-brieven bench-historie bench-stemmen bench-publiceren browser clean load backup

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP) $@

install: $(STAMP)

install-test: $(TEST_STAMP) browser $(VNU)

# Debian's Chromium for the end-to-end tests; Playwright's own browser download does not work here.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Chromium installeren (apt-get)..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

$(VNU): package.json
	npm install --no-audit --no-fund --silent
	touch $@

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py maak_democertificaat
	$(BIN)/python manage.py laad_drechtsteden --demo

# Background workers beside the server, one per core by default: a letter's seven PDFs are rendered
# in parallel, one council per worker at a time (`make run WERKERS=1` for one).
WERKERS ?= $(shell nproc)
# How often an idle worker looks for work: a quarter second, so a click on "publiceren" is picked up
# at once (django-tasks-db's default is a second); a poll is one small query.
WERKER_INTERVAL ?= 0.25
# Rendering a letter's PDFs keeps every core busy for seconds: the workers run at a lower CPU
# priority, so that the pages people are waiting for go first (the PDFs take longer only then).
WERKER_NICE ?= 10

run: seed
	@echo ""
	@echo "Regieportaal draait op http://127.0.0.1:8000"
	@echo "Log in als bijvoorbeeld 'ambtenaar-dordrecht', 'wethouder-dordrecht', 'regisseur-dordrecht',"
	@echo "'raadslid-dordrecht' of 'beheerder', met wachtwoord 'demo'."
	@echo ""
	@echo "$(WERKERS) achtergrondwerker(s) (db_worker) draaien mee en stoppen met de server."
	@WERKER_PIDS=""; \
		for nummer in $$(seq 1 $(WERKERS)); do \
			nice -n $(WERKER_NICE) $(BIN)/python manage.py db_worker --queue-name '*' --no-reload \
				--interval $(WERKER_INTERVAL) --worker-id "werker-$$nummer-$$$$" & WERKER_PIDS="$$WERKER_PIDS $$!"; \
		done; \
		trap 'kill $$WERKER_PIDS 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:8000

# Two workers, one per core; a test file stays on one worker (its browser and its world with it).
PYTEST_WORKERS := -n 2 --dist loadfile

test: install-test
	$(BIN)/pytest $(PYTEST_WORKERS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

# Locust lives in its own virtualenv: it brings gevent and a pytest plugin the test suite should not
# see. `make load` needs the PostgreSQL at 127.0.0.1:5432 (or LAST_DATABASE_URL); see README.
LOAD_VENV := .venv-load
LOAD_STAMP := $(LOAD_VENV)/.installed

$(LOAD_STAMP): pyproject.toml
	$(PYTHON) -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/pip install --quiet --upgrade pip
	$(LOAD_VENV)/bin/pip install --quiet -e ".[load]"
	touch $@

load: $(LOAD_STAMP)
	$(LOAD_VENV)/bin/python benchmarks/load/run.py

backup: $(STAMP)
	scripts/backup.sh

# Letters: render time and memory with 10/100/500 decisions, and the download over gunicorn.
bench-brieven: $(TEST_STAMP)
	$(BIN)/python benchmarks/brieven.py $(BENCH_ARGS)

# Publishing a 120-decision letter for seven councils: the POST, and click to all published with
# $(WERKERS) real db_worker processes (`make bench-publiceren WERKERS=1 BENCH_ARGS=--postgres`).
bench-publiceren: $(TEST_STAMP)
	$(BIN)/python benchmarks/publiceren.py --werkers $(WERKERS) $(BENCH_ARGS)

bench-historie: $(TEST_STAMP)
	$(BIN)/python benchmarks/historie.py

# The aldermen's vote page with 40 and 100 open proposals (median ms, size, queries).
bench-stemmen: $(TEST_STAMP)
	$(BIN)/python benchmarks/stemmen.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(LOAD_VENV) node_modules db.sqlite3

# Two commands: `make run` (the whole portal on http://127.0.0.1:$(PORT)) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: stack test-stack install run serve prepare test test-unit test-browser test-postgres lint format check-deploy system-deps messages vendor clean bench fuzz

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,postgres,redis]"
	@touch $@

messages: install
	@$(BIN)/python scripts/compile_messages.py

# Everything `make run` needs before serving (migrations, static files, search index, admin account);
# each step looks at the VAR_DIR / STATIC_ROOT / DATABASE_URL in use and is fast on a second run.
prepare: install messages
	$(MANAGE) prepare_site --settings=portal.settings.production

run: export SECRET_KEY ?= $(shell $(PYTHON) scripts/secret_key.py)
run: export ALLOWED_HOSTS ?= 127.0.0.1,localhost
run: export SECURE_COOKIES ?= 0
run: export SECURE_HSTS_SECONDS ?= 0
run: export BASE_URL ?= http://127.0.0.1:$(PORT)
# The demo site, loaded only into a database without content (never by a production deployment).
run: export LOAD_DEMO ?= 1
run: prepare
	PORT=$(PORT) scripts/serve.sh

# The production shape on this machine: nginx (page cache) + gunicorn + PostgreSQL + Redis + the task
# worker + the scheduler, throw-away data under VAR_DIR (default var/stack). Ctrl-C stops all.
stack: install messages system-deps
	$(BIN)/python scripts/stack.py --port $(PORT)

# End-to-end: the residents' journeys (a guide, the station map, report and track a problem) in Chromium,
# through nginx (page cache, deploy/nginx/portal.conf) to the app on PostgreSQL and Redis.
E2E_TESTS := tests/browser/test_catalog.py::test_phone_user_finds_a_guide_prints_it_and_answers_useful \
	tests/browser/test_places.py::test_rider_filters_open_bee_stations_taps_a_marker_and_opens_the_page \
	tests/browser/test_feedback.py::test_report_dispatch_reply_track_and_reopen
test-stack: install messages system-deps
	BROWSER_FRONT=nginx $(BIN)/python scripts/with_services.py $(BIN)/python -m pytest -p no:cacheprovider $(E2E_TESTS) $(PYTEST_ARGS)

system-deps:
	@bash scripts/system_deps.sh

test: install messages system-deps
	$(BIN)/python -m pytest -p no:cacheprovider $(PYTEST_ARGS)

test-unit: install messages
	$(BIN)/python -m pytest -p no:cacheprovider -m "not browser" $(PYTEST_ARGS)

test-browser: install messages system-deps
	$(BIN)/python -m pytest -p no:cacheprovider tests/browser $(PYTEST_ARGS)

# The long fuzz run (CI runs the same tests with a small budget): hypothesis-generated form posts and
# schemathesis cases against a live server; prints the request and 5xx counts and the share of form
# requests that reached the view's own validation.
FUZZ_REQUESTS ?= 12000
fuzz: install messages
	FUZZ_REQUESTS=$(FUZZ_REQUESTS) $(BIN)/python -m pytest -p no:cacheprovider -q tests/fuzz $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-deploy: install
	SECRET_KEY=$$($(PYTHON) scripts/secret_key.py --ephemeral) ALLOWED_HOSTS=portal.example.cn \
		$(MANAGE) check --deploy --fail-level WARNING --settings=portal.settings.production
	SECRET_KEY=ci ALLOWED_HOSTS=ci $(MANAGE) makemigrations --check --dry-run --settings=portal.settings.production

bench: install
	$(BIN)/python bench/http
	$(BIN)/python bench/stations_geojson

# Re-vendor Leaflet and Leaflet.markercluster from the npm registry (committed under static/vendor/).
vendor:
	bash scripts/vendor_leaflet.sh

clean:
	rm -rf $(VENV) var

# The non-browser suite again on a throw-away PostgreSQL server (Debian's package).
test-postgres: install messages system-deps
	$(BIN)/python scripts/with_postgres.py $(BIN)/python -m pytest -p no:cacheprovider -m "not browser" $(PYTEST_ARGS)

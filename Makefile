# gehoord: `make run` serves on 127.0.0.1:8000 with SQLite; `make test` runs every check and test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
RUN_STAMP := $(VENV)/.installed
export GEHOORD_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: run test lint fmt unit integration e2e clean chromium reliability bench bench-smoke

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(RUN_STAMP)

run: $(RUN_STAMP) var/master.key
	$(BIN)/gehoord migrate
	$(BIN)/gehoord serve

# A local master key for personal data, readable by its owner only, unless one is set.
var/master.key:
	@mkdir -p var
	@if [ -z "$$GEHOORD_MASTER_KEY" ]; then umask 077 && $(PYTHON) -c \
	  'import base64, os; print(base64.b64encode(os.urandom(32)).decode())' > $@ && \
	  echo "created $@ (mode 0600): keep it safe, it unlocks every person's data"; fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy domain application adapters api web
	$(BIN)/lint-imports

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Browser and PDF tests use Debian's Chromium and poppler (pdftoppm, pdftotext); installed
# here, never by a test. WeasyPrint's Pango comes with Chromium's dependencies.
chromium:
	@command -v chromium >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	  chromium poppler-utils >/dev/null; }

test: lint chromium bench-smoke
	$(BIN)/pytest -p no:randomly -n 2 --dist loadgroup

# Every figure against its target, on SQLite and PostgreSQL, 100,000 cases; writes
# bench/results.json. bench-smoke runs the same code at small sizes and asserts nothing.
bench: $(STAMP)
	$(BIN)/python -m bench.run

bench-smoke: $(STAMP)
	$(BIN)/python -m bench.run --smoke

# The long form: more clients, longer bursts and a ten-minute soak; one summary line a scenario.
reliability: $(STAMP)
	GEHOORD_RELIABILITY=long $(BIN)/pytest tests/reliability -p no:randomly -p no:xdist

unit: $(STAMP)
	$(BIN)/pytest tests/unit tests/application

clean:
	rm -rf $(VENV) var

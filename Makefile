# gehoord: `make run` serves on 127.0.0.1:8000 with SQLite; `make test` runs every check and test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
RUN_STAMP := $(VENV)/.installed
export GEHOORD_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: run test lint fmt unit integration e2e clean chromium reliability bench bench-smoke vendor

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

# The console's NL Design System styles and the browser tests' axe-core, fetched with `npm pack`
# into a temporary folder and copied as built files; run by hand to update, never at install or
# run time. @utrecht/design-tokens is Utrecht's own brand (its LICENSE.md: proprietary), so the
# neutral theme is the NL Design System's EUPL-1.2 example theme ("voorbeeld"). The copies
# are committed; web/static/vendor/README.md names their versions and licences.
UTRECHT_CSS ?= @utrecht/component-library-css@9.0.4
NEUTRAL_TOKENS ?= @nl-design-system-unstable/voorbeeld-design-tokens@7.4.1
AXE_CORE ?= axe-core@4.14.1
vendor:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	cd "$$tmp" && npm pack --silent $(UTRECHT_CSS) $(NEUTRAL_TOKENS) $(AXE_CORE) >/dev/null; \
	for f in *.tgz; do mkdir -p "$${f%.tgz}" && tar xzf "$$f" -C "$${f%.tgz}"; done; \
	cd $(CURDIR); out=web/static/vendor; mkdir -p $$out tests/browser/vendor; \
	cp "$$tmp"/utrecht-component-library-css-*/package/dist/index.css $$out/utrecht-component-library.css; \
	cp "$$tmp"/utrecht-component-library-css-*/package/LICENSE.md $$out/LICENSE-utrecht-component-library-css.md; \
	cp "$$tmp"/nl-design-system-unstable-voorbeeld-design-tokens-*/package/dist/theme.css $$out/voorbeeld-design-tokens.css; \
	cp "$$tmp"/nl-design-system-unstable-voorbeeld-design-tokens-*/package/LICENSE.md $$out/LICENSE-voorbeeld-design-tokens.md; \
	cp "$$tmp"/axe-core-*/package/axe.min.js tests/browser/vendor/axe.min.js; \
	cp "$$tmp"/axe-core-*/package/LICENSE tests/browser/vendor/LICENSE-axe-core.txt; \
	ls "$$tmp"/*.tgz | xargs -n1 basename

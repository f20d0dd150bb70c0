# Newsroom: `make dev` runs the local stack with demo content; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The AWS SAM CLI pins its own versions of boto3, cfn-lint and the translator: its own venv.
SAM_VENV ?= .venv-sam
SAM_STAMP := $(SAM_VENV)/.installed

.PHONY: load dev test install sam-cli system-deps browser-deps lint typecheck unit integration e2e template bench clean openapi

$(STAMP): pyproject.toml
	@echo "==> installing the Python environment ($(VENV))"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

$(SAM_STAMP):
	@echo "==> installing the AWS SAM CLI ($(SAM_VENV))"
	@test -x $(SAM_VENV)/bin/python || $(PYTHON) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SAM_VENV)/bin/python -m pip install --quiet aws-sam-cli
	@touch $(SAM_STAMP)

sam-cli: $(SAM_STAMP)

# Programs the tests drive that do not come from PyPI: headless Chromium (Debian).
system-deps:
	@echo "==> system packages (chromium, node)"
	@bash infra/scripts/system-deps.sh

# The site checkers from npm (Nu HTML Checker, axe-core, Lighthouse), pinned by their lockfile.
BROWSER_DEPS := tests/browser/node_modules/.package-lock.json
$(BROWSER_DEPS): tests/browser/package.json tests/browser/package-lock.json
	@echo "==> npm: site checkers (tests/browser)"
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	@touch $(BROWSER_DEPS)

browser-deps: $(BROWSER_DEPS)

dev: $(STAMP)
	$(BIN)/newsroom dev

lint: $(STAMP)
	@echo "==> ruff: lint and format"
	$(BIN)/ruff check .
	$(BIN)/ruff format --check shared infra cli functions tests benchmarks

typecheck: $(STAMP)
	@echo "==> mypy"
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest tests/unit -q

integration: $(STAMP)
	$(BIN)/pytest tests/integration -q

e2e: $(STAMP) system-deps
	$(BIN)/pytest tests/e2e -q

# The template checks: cfn-lint, sam validate --lint, aws-sam-translator, handlers, layer,
# and sam build.
template: $(STAMP) $(SAM_STAMP) system-deps
	$(BIN)/pytest tests/unit/test_template.py tests/unit/test_layer.py tests/unit/test_lambda_build.py -q

test: $(STAMP) $(SAM_STAMP) system-deps browser-deps lint typecheck
	@echo "==> pytest: unit, template (cfn-lint, sam validate --lint, aws-sam-translator), integration (moto), end-to-end, browser"
	$(BIN)/pytest -q -n 2 --dist loadgroup -m "not slow"

# Reliability runs of minutes (CI runs them too): 200 operations under injected AWS
# faults, 50 articles published at once, then 20 editors for 60 s (p95 publish latency).
load: $(STAMP)
	@echo "==> reliability: faults, races (tests/reliability -m slow), then load (benchmarks/load.py)"
	$(BIN)/pytest -q -m slow tests/reliability
	$(BIN)/python benchmarks/load.py

# The editorial API's OpenAPI document, generated from the code (a unit test checks it is current).
openapi: $(STAMP)
	$(BIN)/python infra/scripts/openapi.py

bench: $(STAMP)
	$(BIN)/python benchmarks/cold_start.py
	$(BIN)/python benchmarks/site_build.py
	$(BIN)/python benchmarks/photos/bench.py
	$(BIN)/python benchmarks/photos/memory.py

clean:
	rm -rf $(VENV) $(SAM_VENV) .pytest_cache .mypy_cache .ruff_cache

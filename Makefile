# Newsroom: `make dev` runs the local stack with demo content; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: dev test install system-deps lint typecheck unit integration e2e bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# Programs the tests drive that do not come from PyPI: headless Chromium (Debian).
system-deps:
	@bash infra/scripts/system-deps.sh

dev: $(STAMP)
	$(BIN)/newsroom dev

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check shared infra cli functions tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest tests/unit -q

integration: $(STAMP)
	$(BIN)/pytest tests/integration -q

e2e: $(STAMP) system-deps
	$(BIN)/pytest tests/e2e -q

test: $(STAMP) system-deps lint typecheck
	$(BIN)/pytest -q -n 2 --dist loadgroup

bench: $(STAMP)
	$(BIN)/python benchmarks/cold_start.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

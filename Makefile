# Newsroom: `make dev` runs the local stack with demo content; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The AWS SAM CLI pins its own versions of boto3, cfn-lint and the translator: its own venv.
SAM_VENV ?= .venv-sam
SAM_STAMP := $(SAM_VENV)/.installed

.PHONY: desk load dev test install sam-cli system-deps browser-deps lint typecheck unit integration e2e template bench clean openapi lock deploy swagger-ui

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

# The editors' desk (desk/): its npm packages, pinned by its lockfile, installed again
# only when the lockfile changes; then the build into desk/dist (served at /desk/).
DESK_DEPS := desk/node_modules/.package-lock.json
DESK_INDEX := desk/dist/index.html
$(DESK_DEPS): desk/package.json desk/package-lock.json
	@echo "==> npm: the desk's packages (desk)"
	cd desk && npm ci --no-audit --no-fund --loglevel=error
	@touch $(DESK_DEPS)

$(DESK_INDEX): $(DESK_DEPS) desk/build.mjs shared/newsroom/site/site.toml $(shell find desk/src -type f 2>/dev/null)
	@echo "==> esbuild: the desk (desk/dist)"
	cd desk && node build.mjs

desk: $(DESK_INDEX)

dev: $(STAMP) desk
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

# The template checks: cfn-lint, sam validate --lint, aws-sam-translator, handlers, layer
# and its lock, sam build (for this machine, and for arm64 with Python 3.13), the deploy
# settings.
template: $(STAMP) $(SAM_STAMP) system-deps
	$(BIN)/pytest tests/unit/test_template.py tests/unit/test_layer.py tests/unit/test_lambda_build.py \
		tests/unit/test_lambda_target_build.py tests/unit/test_deploy.py -q

test: $(STAMP) $(SAM_STAMP) system-deps browser-deps desk lint typecheck
	@echo "==> pytest: unit, template (cfn-lint, sam validate --lint, aws-sam-translator), integration (moto), end-to-end, browser"
	$(BIN)/pytest -q -n 2 --dist loadgroup -m "not slow"

# Reliability runs of minutes (CI runs them too): 200 operations under injected AWS
# faults, 50 articles published at once, 20 editors for 60 s (p95 publish latency), then a
# burst of 50 publishes and 100 articles scheduled for one minute. Timings are reported,
# not judged (`--check` judges them); anything lost, or a bucket unlike a fresh build, fails.
load: $(STAMP)
	@echo "==> reliability: faults, races (tests/reliability -m slow), load (benchmarks/load.py), bursts (benchmarks/bursts.py)"
	$(BIN)/pytest -q -m slow tests/reliability
	$(BIN)/python benchmarks/load.py
	$(BIN)/python benchmarks/bursts.py

# The editorial API's OpenAPI document, generated from the code (a unit test checks it is current).
openapi: $(STAMP)
	$(BIN)/python infra/scripts/openapi.py

# ---------------------------------------------------------------- AWS (docs/deploy.md)

# The Lambda layer's dependencies pinned, with the hashes of their files, for the functions'
# platform (template.yaml: python3.13 on arm64; Lambda's Amazon Linux 2023 has glibc 2.34).
# `sam build` installs exactly these (infra/lambda/package.py: --require-hashes). Pins are
# kept where shared/requirements.txt still allows them; `make lock UPGRADE=1` takes the newest.
LAYER_LOCK := shared/requirements.lock
lock: $(STAMP)
	$(BIN)/uv pip compile --quiet --python-version 3.13 --python-platform aarch64-manylinux_2_34 \
		--generate-hashes --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade) \
		--output-file $(LAYER_LOCK) shared/requirements.txt

# Swagger UI's files for the API's /docs page, from npm (pinned by infra/swagger-ui's
# lockfile), copied into the layer: /docs loads nothing from another host.
SWAGGER_UI := shared/newsroom/api/swagger_ui
swagger-ui: $(STAMP)
	cd infra/swagger-ui && SCARF_ANALYTICS=false npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python infra/swagger-ui/vendor.py

# `make deploy ENV=staging` (or prod): build for arm64 with Python 3.13, then deploy with
# samconfig.toml's settings for that environment, then upload the desk (desk/dist, built
# first) and its config.json, made from the stack's outputs, to the desk bucket, then ask
# the render function for the site's home page and own files (assets, fixed pages). Refuses
# in one line, before building, without AWS credentials, an environment samconfig.toml
# names, or Python 3.13.
ENV ?= staging
SAM := $(SAM_VENV)/bin/sam
# The first Python 3.13 that runs: on PATH, else pyenv's (a pyenv shim may not run).
LAMBDA_PYTHON ?= $(shell for p in python3.13 $(HOME)/.pyenv/versions/3.13*/bin/python3.13; do \
	"$$p" -c 'import sys; assert sys.version_info[:2] == (3, 13)' 2>/dev/null \
	&& { command -v "$$p"; break; }; done)
deploy: $(SAM_STAMP)
	@$(SAM_VENV)/bin/python infra/scripts/deploy_preflight.py --env "$(ENV)" --python "$(LAMBDA_PYTHON)"
	@$(MAKE) --no-print-directory desk
	PYTHON="$(LAMBDA_PYTHON)" SAM_CLI_TELEMETRY=0 $(SAM) build --config-env "$(ENV)"
	SAM_CLI_TELEMETRY=0 $(SAM) deploy --config-env "$(ENV)"
	$(SAM_VENV)/bin/python infra/scripts/desk_deploy.py --env "$(ENV)"
	$(SAM_VENV)/bin/python infra/scripts/site_refresh.py --env "$(ENV)"

bench: $(STAMP) desk
	$(BIN)/python benchmarks/cold_start.py
	$(BIN)/python benchmarks/site_build.py
	$(BIN)/python benchmarks/photos/bench.py
	$(BIN)/python benchmarks/photos/memory.py
	$(BIN)/python benchmarks/desk_preview.py

clean:
	rm -rf $(VENV) $(SAM_VENV) .pytest_cache .mypy_cache .ruff_cache

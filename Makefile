# Two commands do all set-up: `make run` (the whole platform) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.9.30
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/.venv
UV := .tools/bin/uv
VENV := .venv/bin

.PHONY: setup run test test-faults lint audit format bench clean

# The virtual environment and everything in uv.lock; re-synced when the lock changes.
setup: .venv/.synced
.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
.venv/.synced: uv.lock pyproject.toml .tools/bin/uv
	$(UV) sync --frozen --all-packages --python $(PYTHON)
	touch $@

run: setup
	bash scripts/ensure-services.sh
	mkdir -p var
	$(VENV)/honcho start -f Procfile

# Unit and integration tests run on two processes; the tests that start the whole platform
# (browser journeys, faults, the bench's short mode) share one platform in a second run.
WHOLE_PLATFORM := tests/platform tests/browser tests/faults tests/privacy tests/bench_smoke

test: setup
	bash scripts/ensure-services.sh --with-postgres
	bash ops/install-tools.sh
	bash scripts/install-chromium.sh
	bash scripts/install-oidc-provider.sh
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .
	$(VENV)/python scripts/audit.py
	$(VENV)/pytest -n 2 $(addprefix --ignore=,$(WHOLE_PLATFORM))
	$(VENV)/pytest $(WHOLE_PLATFORM)

test-faults: setup
	bash scripts/ensure-services.sh --with-postgres
	$(VENV)/pytest tests/faults

lint: setup
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .

# pip-audit of every locked package; AUDIT_STRICT=1 also fails when the data cannot be fetched.
audit: setup
	$(VENV)/python scripts/audit.py

format: setup
	$(VENV)/ruff format .
	$(VENV)/ruff check --fix .

bench: setup
	$(VENV)/python -m tests.bench

clean:
	rm -rf .venv .tools var

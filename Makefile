# Two commands do all set-up: `make run` (the whole platform) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.9.30
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/.venv
UV := .tools/bin/uv
VENV := .venv/bin

.PHONY: setup run test test-faults test-browser lint format bench clean

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

test: setup
	bash scripts/ensure-services.sh --with-postgres
	bash ops/install-tools.sh
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .
	$(VENV)/pytest -n 2 --dist loadgroup

lint: setup
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .

format: setup
	$(VENV)/ruff format .
	$(VENV)/ruff check --fix .

bench: setup
	$(VENV)/python -m tests.bench

clean:
	rm -rf .venv .tools var

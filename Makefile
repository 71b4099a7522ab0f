# Two commands do all set-up: `make run` (the whole platform) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.9.30
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/.venv
UV := .tools/bin/uv
VENV := .venv/bin

.PHONY: setup run stop-service start-service restart-service status test test-faults lint audit format \
	bench clean

# The virtual environment and everything in uv.lock; re-synced when the lock changes.
setup: .venv/.synced
.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
.venv/.synced: uv.lock pyproject.toml .tools/bin/uv
	$(UV) sync --frozen --all-packages --python $(PYTHON)
	touch $@

# Every Procfile line under supervisord (scripts/supervise.py): a process that dies is started
# again while the others keep serving; Ctrl-C stops them all. ONLY=dialogue,hearing runs some.
run: setup
	bash scripts/ensure-services.sh
	$(VENV)/python -m scripts.supervise run $(if $(ONLY),--only $(ONLY))

# One service (NAME=hearing: its web and worker) or one process (NAME=hearing-worker) of the
# running `make run`. No `setup` here: re-syncing .venv would change the running processes' code.
stop-service start-service restart-service:
	$(VENV)/python -m scripts.supervise $(@:-service=) $(NAME)

status:
	$(VENV)/python -m scripts.supervise status

# Unit and integration tests run on two processes; one that runs out of tests takes over some of
# the other's, so neither idles through the other's long tail. Then the tests on the whole
# platform, one platform at a time (two at once, some 30 processes on two cores, starve each
# other): first those that share one platform (journeys in the browser, privacy), then those that
# start their own (`make run` under its supervisor, faults through a proxy, the bench's short
# mode).
SHARED_PLATFORM := tests/platform tests/browser tests/privacy
OWN_PLATFORM := tests/supervision tests/faults tests/bench_smoke
WHOLE_PLATFORM := $(SHARED_PLATFORM) $(OWN_PLATFORM)

test: setup
	bash scripts/ensure-services.sh --with-postgres
	bash ops/install-tools.sh
	bash scripts/install-chromium.sh
	bash scripts/install-oidc-provider.sh
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .
	$(VENV)/mypy
	$(VENV)/python scripts/audit.py
	$(VENV)/pytest -n 2 --dist worksteal $(addprefix --ignore=,$(WHOLE_PLATFORM))
	$(VENV)/pytest $(SHARED_PLATFORM)
	$(VENV)/pytest $(OWN_PLATFORM)

test-faults: setup
	bash scripts/ensure-services.sh --with-postgres
	$(VENV)/pytest tests/faults

# mypy reads its settings (what to check, how strictly) from pyproject.toml.
lint: setup
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .
	$(VENV)/mypy

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

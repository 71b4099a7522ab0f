"""docker-compose.yml is valid Compose (the official JSON schema, vendored: no engine runs in CI),
runs every Procfile process as `make run` does, and takes its settings from .env.example."""

from __future__ import annotations

import json
import re
import shlex

import jsonschema
import pytest
import yaml

from sammen.config import UnsafeProductionSettings, load_settings
from tests.ops.prometheus_local import REPO_ROOT

COMPOSE = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
ENV_EXAMPLE = REPO_ROOT / ".env.example"
# Procfile lines that compose replaces: the development mail sink becomes the mail catcher.
NOT_IN_COMPOSE = {"mailsink"}


def procfile() -> dict[str, str]:
    lines = (REPO_ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(":", 1) for line in lines if line.strip() and not line.startswith("#"))


def env_example() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if match := re.match(r"^#?\s*([A-Z][A-Z0-9_]*)=(.*)$", line):
            values[match.group(1)] = match.group(2)
    return values


def test_the_compose_file_is_valid_against_the_compose_specification() -> None:
    schema = json.loads((REPO_ROOT / "ops/compose/compose-spec.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(COMPOSE), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_the_schema_catches_a_broken_file() -> None:
    """The vendored schema is the real one: it rejects what Compose rejects."""
    schema = json.loads((REPO_ROOT / "ops/compose/compose-spec.json").read_text())
    broken = {"services": {"web": {"depends_on": {"db": {"condition": "service_ready"}}}}}
    assert list(jsonschema.Draft7Validator(schema).iter_errors(broken))


@pytest.mark.parametrize("name", sorted(set(procfile()) - NOT_IN_COMPOSE))
def test_every_procfile_process_runs_in_compose_as_make_run_runs_it(name: str) -> None:
    assert name in SERVICES, f"docker-compose.yml lacks {name}"
    service = SERVICES[name]
    expected = shlex.split(procfile()[name].replace(".venv/bin/", ""))
    command = service["command"]
    if expected[0] == "gunicorn":
        # The same gunicorn settings and app; the port is the fixed container port.
        assert command[:3] == ["gunicorn", "-c", "python:sammen.gunicorn_conf"]
        assert command[-1] == expected[-1]
        port = int(command[command.index("-b") + 1].rsplit(":", 1)[1])
        assert f"{port}:{port}" in service["ports"]
        assert f"{port}/readyz" in " ".join(service["healthcheck"]["test"])
    else:
        assert command == expected
    module = command[2] if command[0] == "python" else command[-1].split(".app:")[0]
    migrate = SERVICES[name.rsplit("-", 1)[0] + "-migrate"]
    assert migrate["command"][:2] == ["python", "-m"] and migrate["command"][3] == "migrate"
    assert module.startswith(migrate["command"][2])
    assert migrate["restart"] == "no"
    depends = service["depends_on"]
    assert depends[name.rsplit("-", 1)[0] + "-migrate"] == {
        "condition": "service_completed_successfully"
    }
    assert depends["postgres"] == depends["rabbitmq"] == {"condition": "service_healthy"}
    assert service["environment"]["SAMMEN_ENV"].startswith("${SAMMEN_ENV:-production")


def test_dependencies_volumes_and_variables_all_exist() -> None:
    defined = env_example()
    for name, service in SERVICES.items():
        for dependency in service.get("depends_on", {}):
            assert dependency in SERVICES, f"{name} depends on unknown {dependency}"
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            assert source.startswith("./") or source in COMPOSE["volumes"], volume
            if source.startswith("./"):
                assert (REPO_ROOT / source).exists(), f"{name} mounts missing {source}"
    text = (REPO_ROOT / "docker-compose.yml").read_text()
    used = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", text))
    # Every required variable (${X:?…}) has its line in .env.example.
    required = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*):\?", text))
    assert required <= defined.keys(), required - defined.keys()
    assert used - defined.keys() <= {"SAMMEN_IMAGE_TAG"}


def readme_settings() -> set[str]:
    """The variables of the README's settings table (the outside contract's and more)."""
    readme = (REPO_ROOT / "README.md").read_text()
    table = readme.split("## Settings", 1)[1].split("\n## ", 1)[0]
    names = set()
    for row in table.splitlines():
        if row.startswith("| `"):
            names |= set(re.findall(r"`([A-Z][A-Z0-9_<>]*)`", row.split("|")[1]))
    return names


def test_env_example_sets_every_setting_for_production_with_placeholders_it_refuses() -> None:
    values = env_example()
    services = [
        "INTAKE",
        "ROUTING",
        "NOTIFY",
        "CALENDAR",
        "DIALOGUE",
        "IDEA_BOARD",
        "HEARING",
        "REALISATION",
        "THEME_DISCUSSION",
    ]
    for name in readme_settings():
        if name == "SAMMEN_BASE_URL_<SERVICE>":
            expected = {f"SAMMEN_BASE_URL_{s}" for s in services}
        elif name == "DATABASE_URL":
            expected = {f"{s}_DATABASE_URL" for s in services}
        else:
            expected = {name}
        assert expected <= values.keys(), f".env.example lacks {expected - values.keys()}"
    assert values["SAMMEN_ENV"] == "production"
    assert values["SAMMEN_SECRET_KEY"] == "change-me"
    amqp_user, amqp_password = re.match(r"amqp://([^:]+):([^@]+)@", values["AMQP_URL"]).groups()
    assert (amqp_user, amqp_password) == (
        values["RABBITMQ_DEFAULT_USER"],
        values["RABBITMQ_DEFAULT_PASS"],
    )
    settings = {k: v for k, v in values.items() if v}
    with pytest.raises(UnsafeProductionSettings):
        load_settings("intake", settings)


def test_the_image_installs_as_make_run_does() -> None:
    dockerfile = (REPO_ROOT / "ops/docker/Dockerfile").read_text()
    makefile = (REPO_ROOT / "Makefile").read_text()
    uv_version = re.search(r"^UV_VERSION\s*:=\s*(\S+)", makefile, re.M).group(1)
    assert f"ARG UV_VERSION={uv_version}" in dockerfile
    assert "UV_PYTHON_DOWNLOADS=never" in dockerfile
    assert re.search(r"\$\(UV\) sync --frozen --all-packages", makefile)
    assert re.search(r"uv sync --frozen --all-packages", dockerfile)
    for name, service in SERVICES.items():
        if "build" in service:
            assert service["build"]["dockerfile"] == "ops/docker/Dockerfile", name


def test_prometheus_scrapes_every_web_and_worker_of_compose() -> None:
    config = yaml.safe_load((REPO_ROOT / "ops/prometheus/prometheus.yml").read_text())
    scraped = {
        target
        for job in config["scrape_configs"]
        for static in job["static_configs"]
        for target in static["targets"]
    }
    expected = {"rabbitmq:15692"}
    for name, service in SERVICES.items():
        if name.endswith("-web"):
            expected.add(f"{name}:{service['ports'][0].split(':')[-1]}")
        if name.endswith("-worker"):
            port = re.search(
                r"127\.0\.0\.1:(\d+)/metrics", " ".join(service["healthcheck"]["test"])
            )
            expected.add(f"{name}:{port.group(1)}")
    assert scraped == expected

"""Every metric the dashboards and alert rules query is one the code defines.

Exported names follow prometheus-client: a counter `x` or `x_total` is exported as `x_total`, a
histogram `h` as `h_bucket`, `h_sum` and `h_count`, a gauge as its name. RabbitMQ's `rabbitmq_*`
come from its prometheus plugin and are not checked here.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path

import yaml
from prometheus_client import REGISTRY

import sammen.metrics  # noqa: F401  (registers the shared metrics)
from tests.ops.prometheus_local import PROMETHEUS_DIR, REPO_ROOT

METRIC_TYPES = {"Counter", "Gauge", "Histogram", "Summary"}
SOURCES = [REPO_ROOT / "shared" / "src", REPO_ROOT / "services"]
NAME = re.compile(r"\bsammen_[a-z_]+\b")


def defined_metrics() -> dict[str, str]:
    """{name: type} of every prometheus-client metric constructed in the code."""
    found = {}
    for root in SOURCES:
        for path in root.rglob("*.py"):
            if "tests" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if not isinstance(node, ast.Call):
                    continue
                func = (
                    node.func.attr
                    if isinstance(node.func, ast.Attribute)
                    else getattr(node.func, "id", "")
                )
                if func not in METRIC_TYPES:
                    continue
                args = [*node.args[:1], *(k.value for k in node.keywords if k.arg == "name")]
                if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                    found[args[0].value] = func
    return found


def exported_names(definitions: dict[str, str]) -> set[str]:
    names = set()
    for name, kind in definitions.items():
        if kind == "Counter":
            names.add(name.removesuffix("_total") + "_total")
        elif kind == "Histogram":
            names |= {f"{name}_bucket", f"{name}_sum", f"{name}_count"}
        elif kind == "Summary":
            names |= {name, f"{name}_sum", f"{name}_count"}
        else:
            names.add(name)
    return names


def dashboard_queries() -> Iterator[tuple[str, str]]:
    def walk(node: object, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("expr", "query", "definition") and isinstance(value, str):
                    yield where, value
                else:
                    yield from walk(value, where)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item, where)

    for path in sorted((REPO_ROOT / "ops/grafana/dashboards").glob("*.json")):
        yield from walk(json.loads(path.read_text()), path.name)


def rule_queries() -> Iterator[tuple[str, str]]:
    for path in sorted((PROMETHEUS_DIR / "rules").glob("*.yml")):
        for group in yaml.safe_load(path.read_text())["groups"]:
            for rule in group["rules"]:
                yield f"{path.name}:{rule.get('alert') or rule.get('record')}", rule["expr"]


def test_the_scan_finds_every_shared_metric() -> None:
    """The source scan agrees with what importing sammen.metrics registers."""
    registered = {metric.name for metric in REGISTRY.collect() if metric.name.startswith("sammen_")}
    scanned = {name.removesuffix("_total") for name in defined_metrics()}
    assert registered and registered <= scanned


def test_every_queried_metric_is_exported_by_the_code() -> None:
    exported = exported_names(defined_metrics())
    queries = [*dashboard_queries(), *rule_queries()]
    assert len(queries) > 20
    unknown = {
        (where, name)
        for where, expr in queries
        for name in NAME.findall(expr)
        if name not in exported
    }
    assert not unknown, f"metrics no code exports: {sorted(unknown)}"


def test_the_check_catches_a_wrong_name() -> None:
    exported = exported_names({"sammen_notifications": "Counter", "sammen_x_seconds": "Histogram"})
    assert "sammen_notifications_total" in exported and "sammen_notifications" not in exported
    assert "sammen_x_seconds_bucket" in exported and "sammen_x_seconds" not in exported


def test_the_dashboards_are_valid_and_use_the_provisioned_datasource() -> None:
    for path in sorted((REPO_ROOT / "ops/grafana/dashboards").glob("*.json")):
        dashboard = json.loads(path.read_text())
        assert dashboard["uid"] == Path(path).stem and dashboard["title"]
        ids = [panel["id"] for panel in dashboard["panels"]]
        assert len(ids) == len(set(ids)), f"{path.name}: duplicate panel ids"
        for panel in dashboard["panels"]:
            assert panel["datasource"]["uid"] == "prometheus"
            assert panel["targets"] and all(t["expr"] for t in panel["targets"])
    datasource = yaml.safe_load(
        (REPO_ROOT / "ops/grafana/provisioning/datasources/prometheus.yml").read_text()
    )
    assert datasource["datasources"][0]["uid"] == "prometheus"

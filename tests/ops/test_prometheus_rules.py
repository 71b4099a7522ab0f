"""promtool checks the Prometheus configs and the alert rules, and runs the rules' unit tests;
every alert has a unit test that makes it fire and a runbook section that says what to do."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml

from tests.ops.prometheus_local import (
    LOCAL_CONFIG,
    PROMETHEUS_DIR,
    REPO_ROOT,
    local_config_text,
    tool_missing,
)

RULE_FILES = sorted((PROMETHEUS_DIR / "rules").glob("*.yml"))
TEST_FILES = sorted((PROMETHEUS_DIR / "tests").glob("*.yml"))


def promtool(*args: str) -> str:
    if missing := tool_missing("promtool"):
        pytest.skip(missing)
    result = subprocess.run(
        ["promtool", *args], cwd=PROMETHEUS_DIR, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


@pytest.mark.parametrize("config", ["prometheus.yml", "prometheus.local.yml"])
def test_promtool_accepts_the_config(config: str) -> None:
    assert "SUCCESS" in promtool("check", "config", config)


def test_promtool_accepts_the_rules() -> None:
    assert "SUCCESS" in promtool("check", "rules", *map(str, RULE_FILES))


def test_the_rules_unit_tests_pass() -> None:
    assert "SUCCESS" in promtool("test", "rules", *map(str, TEST_FILES))


def alerts() -> list[dict]:
    return [
        rule
        for path in RULE_FILES
        for group in yaml.safe_load(path.read_text())["groups"]
        for rule in group["rules"]
        if "alert" in rule
    ]


def test_every_alert_has_a_unit_test_that_makes_it_fire() -> None:
    fired = {
        check["alertname"]
        for path in TEST_FILES
        for test in yaml.safe_load(path.read_text())["tests"]
        for check in test.get("alert_rule_test", [])
        if check.get("exp_alerts")
    }
    names = {rule["alert"] for rule in alerts()}
    assert names - fired == set()


def runbook_anchors() -> set[str]:
    """GitHub's anchors for the runbook's headings."""
    text = (REPO_ROOT / "ops/RUNBOOK.md").read_text()
    headings = re.findall(r"^#+\s+(.+)$", text, re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def test_every_alert_says_what_it_means_and_links_to_its_runbook_section() -> None:
    anchors = runbook_anchors()
    for rule in alerts():
        annotations = rule["annotations"]
        assert annotations.get("summary") and annotations.get("description"), rule["alert"]
        assert rule["labels"]["severity"] in {"critical", "warning"}
        path, _, anchor = annotations["runbook_url"].partition("#")
        assert path == "ops/RUNBOOK.md" and anchor in anchors, f"{rule['alert']}: {anchor}"


def test_the_local_config_is_current() -> None:
    assert LOCAL_CONFIG.read_text() == local_config_text(), (
        "regenerate: python -m tests.ops.prometheus_local > ops/prometheus/prometheus.local.yml"
    )

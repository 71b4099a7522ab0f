"""The dependency audit's verdict on pip-audit's JSON report (scripts/audit.py)."""

from scripts.audit import verdict

CLEAN = {"name": "flask", "version": "3.1.3", "vulns": []}
SKIPPED = {"name": "pika", "skip_reason": "Dependency not found on PyPI and could not be audited"}
VULNERABLE = {
    "name": "jinja2",
    "version": "3.1.2",
    "vulns": [{"id": "GHSA-h5c8-rqwp-cp95", "fix_versions": ["3.1.3"]}],
}


def test_a_known_vulnerability_fails_the_audit_and_is_named_with_its_fix():
    status, lines = verdict({"dependencies": [CLEAN, VULNERABLE]}, strict=False)
    assert status == 1
    assert "jinja2 3.1.2: GHSA-h5c8-rqwp-cp95 (fixed in 3.1.3)" in lines


def test_a_clean_audit_passes_and_counts_what_it_could_not_look_up():
    status, lines = verdict({"dependencies": [CLEAN, SKIPPED]}, strict=True)
    assert status == 0
    assert lines[-1] == "audit: 1 of 2 locked packages audited, 0 vulnerable"


def test_an_audit_without_vulnerability_data_warns_and_fails_only_when_strict():
    report = {"dependencies": [SKIPPED, SKIPPED | {"name": "flask"}]}
    assert verdict(report, strict=False)[0] == 0
    assert "WARNING" in verdict(report, strict=False)[1][-1]
    assert verdict(report, strict=True)[0] == 1

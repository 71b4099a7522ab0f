"""Audit the locked dependencies (uv.lock) with pip-audit against PyPI's vulnerability data.

Fails when a locked version has a known vulnerability. pip-audit reports a package it cannot look
up as skipped, not as a failure, so this also says how many could not be audited; when none could
(the vulnerability service is out of reach) it warns, and fails only with AUDIT_STRICT=1.

Usage: .venv/bin/python scripts/audit.py   (make audit)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UV = ROOT / ".tools" / "bin" / "uv"
PIP_AUDIT = ROOT / ".venv" / "bin" / "pip-audit"


def locked_requirements() -> str:
    """Every locked third-party package, pinned (our own workspace packages are not on PyPI)."""
    command = [str(UV), "export", "--frozen", "--all-packages", "--no-emit-workspace"]
    command += ["--no-emit-package", "sammen-testing"]  # our own test support, a path dependency
    command += ["--no-hashes", "--no-header", "--quiet"]
    return subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout


def audit(requirements: Path, report: Path) -> dict:
    command = [str(PIP_AUDIT), "--requirement", str(requirements), "--no-deps", "--disable-pip"]
    command += ["--progress-spinner", "off", "--format", "json", "--output", str(report)]
    # Exit status 1 means "vulnerabilities found"; the report says which, so it is read either way.
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if not report.exists():
        sys.exit(f"pip-audit did not run: {done.stderr.strip()}")
    return json.loads(report.read_text())


def verdict(result: dict, strict: bool) -> tuple[int, list[str]]:
    """The exit status and the lines to print for pip-audit's JSON report."""
    dependencies = result["dependencies"]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    audited = sum(1 for d in dependencies if "skip_reason" not in d)
    lines = [
        f"{d['name']} {d['version']}: {v['id']} (fixed in {', '.join(v.get('fix_versions') or []) or 'no release yet'})"
        for d in vulnerable
        for v in d["vulns"]
    ]
    lines.append(
        f"audit: {audited} of {len(dependencies)} locked packages audited, {len(vulnerable)} vulnerable"
    )
    if vulnerable:
        return 1, lines
    if dependencies and not audited:
        lines.append(
            "audit: WARNING the vulnerability data could not be fetched; nothing was audited"
        )
        return (1 if strict else 0), lines
    return 0, lines


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        requirements = Path(folder) / "requirements.txt"
        requirements.write_text(locked_requirements())
        result = audit(requirements, Path(folder) / "audit.json")
    status, lines = verdict(result, strict=os.environ.get("AUDIT_STRICT") == "1")
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())

"""Every package that has message catalogs has them complete: each Danish text of its code and
templates is in its English catalog, translated, and compiled into the .mo the pages use."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT / "shared/src/sammen"


def package_folders() -> list[Path]:
    """The shared library, intake, and any service that has started its catalogs."""
    found = {SHARED, REPO_ROOT / "services/intake/src/sammen/intake"}
    found |= {path.parent for path in REPO_ROOT.glob("services/**/src/sammen/**/translations")}
    return sorted(found)


@pytest.mark.parametrize("folder", package_folders(), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_catalog_is_complete_translated_and_compiled(folder: Path):
    result = subprocess.run(
        ["bash", "scripts/i18n.sh", "check", str(folder.relative_to(REPO_ROOT))],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr

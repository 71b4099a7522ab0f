"""The production library imports no test tool: test support is the dev-only `sammen-testing`."""

import subprocess
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "src" / "sammen"

IMPORT_ALL_WITHOUT_PYTEST = """
import importlib, pathlib, sys
sys.modules["pytest"] = None  # importing it now fails
root = pathlib.Path(sys.argv[1])
for path in sorted(root.rglob("*.py")):
    parts = path.relative_to(root.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    importlib.import_module(".".join(parts))
print("imported", len(list(root.rglob("*.py"))))
"""


def test_every_module_of_the_shared_library_imports_without_pytest():
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL_WITHOUT_PYTEST, str(SHARED)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("imported")


def test_the_test_support_lives_outside_the_production_package():
    assert not (SHARED / "testing.py").exists()
    assert not (SHARED / "testing").exists()

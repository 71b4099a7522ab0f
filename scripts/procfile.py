"""The Procfile: the one list of the platform's processes, one `name: command` a line. `make run`
supervises every line (scripts/supervise.py); the whole-platform tests start them the same way
(tests/platform/harness.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PROCFILE = REPO_ROOT / "Procfile"
_ROLES = ("-web", "-worker")


@dataclass(frozen=True)
class ProcfileEntry:
    name: str
    command: str

    @property
    def service(self) -> str:
        """What an operator stops and starts as one: `hearing` for hearing-web and hearing-worker;
        a process without a web/worker role (the mail sink) is a service of its own."""
        for role in _ROLES:
            if self.name.endswith(role):
                return self.name.removesuffix(role)
        return self.name


def read_entries(path: Path = PROCFILE) -> list[ProcfileEntry]:
    entries = []
    for line in path.read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, _, command = line.partition(":")
        entries.append(ProcfileEntry(name.strip(), command.strip()))
    return entries

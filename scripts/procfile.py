"""The Procfile: the one list of the platform's processes, one `name: command` a line. `make run`
supervises every line (scripts/supervise.py); the whole-platform tests start them the same way
(tests/platform/harness.py). With `SAMMEN_WORKER_IN_WEB=1` (development's default) each service's
worker runs inside its web process, so its `-worker` line is not started (`started_entries`)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sammen.config import worker_in_web

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

    @property
    def is_worker(self) -> bool:
        return self.name.endswith("-worker")


def read_entries(path: Path = PROCFILE) -> list[ProcfileEntry]:
    entries = []
    for line in path.read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, _, command = line.partition(":")
        entries.append(ProcfileEntry(name.strip(), command.strip()))
    return entries


def started_entries(
    entries: list[ProcfileEntry], environ: Mapping[str, str] = os.environ
) -> list[ProcfileEntry]:
    """The lines the platform starts: without the `-worker` lines while each worker runs inside
    its web process."""
    if not worker_in_web(environ):
        return entries
    return [entry for entry in entries if not entry.is_worker]

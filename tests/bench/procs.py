"""Processes the bench starts: services under gunicorn, workers, the load generator; their memory."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from sammen.testing.processes import end_process_group, ending_with_this_process

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class Process:
    """A process (and its children, in its own session) that the bench started and will stop."""

    def __init__(self, name: str, argv: list[str], env: Mapping[str, str], log_dir: Path) -> None:
        self.name = name
        log_dir.mkdir(parents=True, exist_ok=True)
        self.log_path = log_dir / f"{name}.log"
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.popen = subprocess.Popen(
            ending_with_this_process(argv),
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def stop(self, timeout: float = 15) -> None:
        end_process_group(self.popen, signal.SIGTERM, timeout)
        self._log.close()

    def tail(self, lines: int = 15) -> str:
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])


@contextlib.contextmanager
def started(*processes: Process) -> Iterator[tuple[Process, ...]]:
    try:
        yield processes
    finally:
        for process in reversed(processes):
            process.stop()


def gunicorn(name: str, app: str, port: int, env: Mapping[str, str], log_dir: Path) -> Process:
    """A web app served exactly as the Procfile serves it (the shared gunicorn settings)."""
    argv = [
        str(VENV_BIN / "gunicorn"),
        "-c",
        "python:sammen.gunicorn_conf",
        "-b",
        f"127.0.0.1:{port}",
        app,
    ]
    return Process(name, argv, env, log_dir)


def python_module(
    name: str, module: str, args: list[str], env: Mapping[str, str], log_dir: Path
) -> Process:
    return Process(name, [sys.executable, "-m", module, *args], env, log_dir)


def wait_http(url: str, process: Process | None = None, timeout: float = 60) -> None:
    """Wait until `url` answers 2xx; fail early with the log if the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and not process.alive():
            raise RuntimeError(f"{process.name} exited at start:\n{process.tail()}")
        if _answers(url):
            return
        time.sleep(0.2)
    tail = f"\n{process.tail()}" if process else ""
    raise RuntimeError(f"{url} did not answer within {timeout}s{tail}")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return 200 <= response.status < 300
    except OSError:
        return False


def loadgen_argv(url: str, **options: Any) -> list[str]:
    """The load generator's command line: each option a flag (a list, the flag repeated)."""
    argv = [sys.executable, "-m", "tests.bench.loadgen", url]
    for key, value in options.items():
        flag = "--" + key.replace("_", "-")
        for item in value if isinstance(value, list) else [value]:
            argv += [flag, str(item)]
    return argv


def loadgen(url: str, *, timeout: float = 700, **options: Any) -> dict[str, Any]:
    """Run the load generator in its own process and return its result."""
    done = subprocess.run(
        loadgen_argv(url, **options),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"load generator failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout)


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user and system) the processes `pids` have used so far: what a request costs
    the server, which the load of other work on the machine changes far less than throughput."""
    ticks = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / CLOCK_TICKS


# --- memory -----------------------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def tree(root_pids: list[int]) -> list[int]:
    """The pids and all their descendants."""
    children = _children()
    found, todo = [], list(root_pids)
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def rss_bytes(pids: list[int]) -> int:
    """Resident set size summed over `pids` (pages shared between forked workers count twice)."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
    return total


def pss_bytes(pids: list[int]) -> int:
    """Proportional set size: shared pages split between their sharers (the honest sum)."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
    return total

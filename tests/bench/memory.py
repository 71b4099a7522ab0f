"""Memory of the whole platform at rest and under intake load.

The platform is `make run` itself: its supervisor (`python -m scripts.supervise run`) starts the
Procfile's processes in `make run`'s layout (`SAMMEN_WORKER_IN_WEB`, each worker inside its web
process by default; `SAMMEN_WORKER_IN_WEB=0` in the bench's environment measures production's
layout), with development's settings, each service on a free port, fresh databases and vhost.
Memory is summed over the supervisor and every process it started, with their children, as PSS (a
page shared by forked workers counted once, split between them: what the machine really spends)
and as RSS (a shared page counted in every process that maps it). The ceiling (a floor, here) is
the same processes doing nothing of their own: hello-world under the same gunicorn settings per
web process, a Python process holding the shared library per other process (a separate worker,
the mail sink), and the supervisor's own processes as measured.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from sammen.testing import free_port
from scripts.procfile import ProcfileEntry, read_entries, started_entries
from scripts.supervise import config_path
from tests.bench import procs
from tests.bench.config import Mode
from tests.bench.report import Figure, Target
from tests.bench.setup import AUTH_HEADER, IDEA_BODY, stage
from tests.platform.harness import read_procfile

MIB = 1024 * 1024
UNDER_800_MIB = Target("< 800 MiB", lambda value, _r: value < 800)
PORT_VARIABLE = re.compile(r"\$\{(\w+)_PORT:-(\d+)\}")
# A database for each service the Procfile runs, as `make run` has.
DATABASES = sorted({spec.service for spec in read_procfile()})
IDLE_WORKER = "import sammen.bus.worker, sammen.db, sammen.web, time; time.sleep(600)"


def _module(command: str) -> str:
    """The module a Procfile command runs (gunicorn's app or `python -m`'s module)."""
    argv = shlex.split(command)
    if "-m" in argv:
        return argv[argv.index("-m") + 1]
    return argv[-1].split(":")[0]


def _ports(entries: list[ProcfileEntry]) -> dict[str, int]:
    """A free port for each web process's port setting (`INTAKE` → 41234)."""
    return {m[1]: free_port() for entry in entries for m in PORT_VARIABLE.finditer(entry.command)}


def _sample(pids: list[int]) -> dict[str, float]:
    return {
        "rss_mib": procs.rss_bytes(pids) / MIB,
        "pss_mib": procs.pss_bytes(pids) / MIB,
        "processes": len(pids),
    }


def _supervision_pids(supervisor: procs.Process) -> list[int]:
    """supervisord and its event listener: the supervisor's own processes."""
    listener = [
        pid for pid in procs.tree([supervisor.pid]) if b"scripts.supervision_notes" in _cmdline(pid)
    ]
    return [supervisor.pid, *listener]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _all_running(env: dict[str, str]) -> bool:
    """Every program the supervisor was given is RUNNING (supervisorctl's exit code 0)."""
    command = [
        str(procs.VENV_BIN / "supervisorctl"),
        "-c",
        str(config_path(Path(env["SAMMEN_VAR_DIR"]))),
        "status",
    ]
    return subprocess.run(command, capture_output=True, timeout=30, check=False).returncode == 0


def _floor(mode: Mode, env: dict[str, str], webs: int, others: int) -> dict[str, Any]:
    log_dir = mode.work_dir / "logs"
    port = free_port()
    hello = procs.gunicorn("memory-hello", "tests.bench.hello:create_app()", port, env, log_dir)
    idle = procs.Process(
        "memory-idle-worker", [str(procs.VENV_BIN / "python"), "-c", IDLE_WORKER], env, log_dir
    )
    with procs.started(hello, idle):
        procs.wait_http(f"http://127.0.0.1:{port}/", hello)
        time.sleep(mode.settle_s)  # both settle as the platform does
        web = _sample(procs.tree([hello.pid]))
        worker = _sample(procs.tree([idle.pid]))
    return {
        "web_process_mib": web["rss_mib"],
        "worker_process_mib": worker["rss_mib"],
        "web_process_pss_mib": web["pss_mib"],
        "worker_process_pss_mib": worker["pss_mib"],
        "rss_mib": webs * web["rss_mib"] + others * worker["rss_mib"],
        "pss_mib": webs * web["pss_mib"] + others * worker["pss_mib"],
    }


def measure(mode: Mode) -> list[Figure]:
    smtp_port = free_port()
    with stage(mode.work_dir / "memory", *DATABASES, database=mode.database) as st:
        env = st.platform_env(
            SMTP_HOST="127.0.0.1",
            SMTP_PORT=str(smtp_port),
            MAILSINK_HOST="127.0.0.1",
            MAILSINK_PORT=str(smtp_port),
            # `make run`'s settings: development, demo data and its layout of the workers.
            SAMMEN_ENV="development",
            SAMMEN_WORKER_METRICS_PORT="0",  # a separate worker's fixed port may be taken
        )
        layout = {**os.environ, **env}
        entries = started_entries(read_entries(), layout)
        absent = [e.name for e in entries if importlib.util.find_spec(_module(e.command)) is None]
        if absent:
            raise RuntimeError(f"not importable: {', '.join(absent)}")
        ports = _ports(entries)
        env.update({f"{svc}_PORT": str(port) for svc, port in ports.items()})
        env.update(
            {f"SAMMEN_BASE_URL_{svc}": f"http://127.0.0.1:{port}" for svc, port in ports.items()}
        )
        log_dir = mode.work_dir / "logs"
        python = str(procs.VENV_BIN / "python")
        supervisor = procs.Process(
            "platform-supervisor", [python, "-m", "scripts.supervise", "run"], env, log_dir
        )
        with procs.started(supervisor):
            for port in ports.values():
                procs.wait_http(f"http://127.0.0.1:{port}/healthz", supervisor, timeout=120)
            time.sleep(mode.settle_s)
            if not supervisor.alive() or not _all_running(env):
                raise RuntimeError(f"a process stopped at rest:\n{supervisor.tail()}")
            everything = procs.tree([supervisor.pid])
            rest = _sample(everything)
            supervision = _sample(_supervision_pids(supervisor))
            load, peak = _under_load(mode, ports["INTAKE"], supervisor)
            # The supervisor stops its programs (each up to its own 30 s), then itself; killed
            # sooner, it would leave them running.
            supervisor.stop(timeout=120)
        webs = sum(1 for entry in entries if "gunicorn" in entry.command)
        floor = _floor(mode, env, webs, len(entries) - webs)
        floor["pss_mib"] += supervision["pss_mib"]
        floor["rss_mib"] += supervision["rss_mib"]
        floor["supervision"] = supervision
    detail = {
        "programs": [entry.name for entry in entries],
        "layout": "worker in web" if len(entries) < len(read_entries()) else "worker apart",
        "floor": floor,
    }
    floor_title = "hello-world per web, idle Python per other process, the supervisor as is"
    return [
        Figure(
            "memory.rest.pss",
            "whole platform memory at rest (PSS)",
            "MiB",
            rest["pss_mib"],
            floor["pss_mib"],
            floor_title,
            UNDER_800_MIB,
            {**detail, **rest},
        ),
        Figure(
            "memory.rest",
            "whole platform resident memory at rest (RSS)",
            "MiB",
            rest["rss_mib"],
            floor["rss_mib"],
            floor_title,
        ),
        Figure(
            "memory.load.pss",
            "whole platform memory under intake load (PSS)",
            "MiB",
            peak["pss_mib"],
            floor["pss_mib"],
            floor_title,
            detail={**peak, "load": load},
        ),
        Figure(
            "memory.load",
            "whole platform resident memory under intake load (RSS)",
            "MiB",
            peak["rss_mib"],
            floor["rss_mib"],
            floor_title,
        ),
    ]


def _under_load(
    mode: Mode, intake_port: int, supervisor: procs.Process
) -> tuple[dict[str, Any], dict[str, float]]:
    """Saturate intake from the load generator while sampling memory; the peak counts."""
    argv = procs.loadgen_argv(
        f"http://127.0.0.1:{intake_port}/api/v1/ideas",
        method="POST",
        body=IDEA_BODY,
        header=[AUTH_HEADER],
        concurrency=mode.concurrency,
        duration=mode.memory_load_s,
    )
    peak = {"pss_mib": 0.0}
    # Its answer (every latency) goes to a file: a pipe nobody reads until the generator exits
    # fills up, and the generator then waits on it forever.
    with tempfile.TemporaryFile("w+") as answer:
        generator = subprocess.Popen(argv, cwd=procs.ROOT, stdout=answer, text=True)
        try:
            while generator.poll() is None:
                sample = _sample(procs.tree([supervisor.pid]))
                if sample["pss_mib"] > peak["pss_mib"]:
                    peak = sample
                time.sleep(0.5)
        finally:
            if generator.poll() is None:
                generator.kill()
        answer.seek(0)
        result = json.load(answer)
    result.pop("latencies")
    return result, peak

"""Memory of the whole platform at rest and under intake load.

Every Procfile process starts as `make run` starts it (the same commands, each service on a free
port, fresh databases and vhost); memory is summed over every process and child, as PSS (a page
shared by forked workers counted once, split between them: what the machine really spends) and as
RSS (a shared page counted in every process that maps it). The
ceiling (a floor, here) is the same number of processes doing nothing of their own: hello-world
under the same gunicorn settings per web process, and a Python process holding the shared library
per worker process.
"""

from __future__ import annotations

import importlib.util
import re
import shlex
import time
from typing import Any

from sammen.config import SERVICE_PORTS
from sammen.testing import free_port
from scripts.procfile import read_entries
from tests.bench import procs
from tests.bench.config import Mode
from tests.bench.report import Figure, Target
from tests.bench.setup import AUTH_HEADER, IDEA_BODY, stage

MIB = 1024 * 1024
UNDER_800_MIB = Target("< 800 MiB", lambda value, _r: value < 800)
PORT_VARIABLE = re.compile(r"\$\{(\w+)_PORT:-(\d+)\}")
DATABASES = tuple(SERVICE_PORTS)  # a database of each service's own
IDLE_WORKER = "import sammen.bus.worker, sammen.db, sammen.web, time; time.sleep(600)"


def _module(argv: list[str]) -> str:
    """The module a Procfile command runs (gunicorn's app or `python -m`'s module)."""
    if "-m" in argv:
        return argv[argv.index("-m") + 1]
    return argv[-1].split(":")[0]


def _commands(ports: dict[str, int]) -> list[tuple[str, list[str]]]:
    commands = []
    for entry in read_entries():
        command = PORT_VARIABLE.sub(
            lambda m: str(ports.setdefault(m[1], free_port())), entry.command
        )
        argv = shlex.split(command.replace("0.0.0.0:", "127.0.0.1:"))
        argv[0] = str(procs.ROOT / argv[0])
        commands.append((entry.name, argv))
    return commands


def _sample(processes: list[procs.Process]) -> dict[str, float]:
    pids = procs.tree([p.pid for p in processes])
    return {
        "rss_mib": procs.rss_bytes(pids) / MIB,
        "pss_mib": procs.pss_bytes(pids) / MIB,
        "processes": len(pids),
    }


def _floor(mode: Mode, env: dict[str, str], webs: int, workers: int) -> dict[str, Any]:
    log_dir = mode.work_dir / "logs"
    port = free_port()
    hello = procs.gunicorn("memory-hello", "tests.bench.hello:create_app()", port, env, log_dir)
    idle = procs.Process(
        "memory-idle-worker", [str(procs.VENV_BIN / "python"), "-c", IDLE_WORKER], env, log_dir
    )
    with procs.started(hello, idle):
        procs.wait_http(f"http://127.0.0.1:{port}/", hello)
        time.sleep(mode.settle_s)  # both settle as the platform does
        web, worker = _sample([hello]), _sample([idle])
    return {
        "web_process_mib": web["rss_mib"],
        "worker_process_mib": worker["rss_mib"],
        "web_process_pss_mib": web["pss_mib"],
        "worker_process_pss_mib": worker["pss_mib"],
        "rss_mib": webs * web["rss_mib"] + workers * worker["rss_mib"],
        "pss_mib": webs * web["pss_mib"] + workers * worker["pss_mib"],
    }


def measure(mode: Mode) -> list[Figure]:
    ports: dict[str, int] = {}
    commands = _commands(ports)
    absent = [name for name, argv in commands if importlib.util.find_spec(_module(argv)) is None]
    smtp_port = free_port()
    with stage(mode.work_dir / "memory", *DATABASES, database=mode.database) as st:
        env = st.platform_env(
            SMTP_HOST="127.0.0.1",
            SMTP_PORT=str(smtp_port),
            MAILSINK_HOST="127.0.0.1",
            MAILSINK_PORT=str(smtp_port),
        )
        env.update({f"{svc}_PORT": str(port) for svc, port in ports.items()})
        env.update(
            {f"SAMMEN_BASE_URL_{svc}": f"http://127.0.0.1:{port}" for svc, port in ports.items()}
        )
        log_dir = mode.work_dir / "logs"
        running = [
            procs.Process(f"platform-{name}", argv, env, log_dir)
            for name, argv in commands
            if name not in absent
        ]
        with procs.started(*running):
            for svc, port in ports.items():
                web = next(
                    p for p in running if p.name == f"platform-{svc.lower().replace('_', '-')}-web"
                )
                procs.wait_http(f"http://127.0.0.1:{port}/healthz", web, timeout=120)
            time.sleep(mode.settle_s)
            dead = [p.name for p in running if not p.alive()]
            if dead:
                raise RuntimeError(f"{', '.join(dead)} stopped at rest")
            rest = _sample(running)
            load, peak = _under_load(mode, ports["INTAKE"], running)
        webs = sum(1 for name, argv in commands if name not in absent and "gunicorn" in argv[0])
        floor = _floor(mode, env, webs, len(running) - webs)
    detail = {"processes": [p.name for p in running], "not_started": absent, "floor": floor}
    floor_title = "hello-world per web, idle Python per worker"
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
    mode: Mode, intake_port: int, running: list[procs.Process]
) -> tuple[dict[str, Any], dict[str, float]]:
    """Saturate intake from the load generator while sampling memory; the peak counts."""
    import subprocess
    import sys

    argv = [
        sys.executable,
        "-m",
        "tests.bench.loadgen",
        f"http://127.0.0.1:{intake_port}/api/v1/ideas",
        "--method",
        "POST",
        "--body",
        IDEA_BODY,
        "--header",
        AUTH_HEADER,
        "--concurrency",
        str(mode.concurrency),
        "--duration",
        str(mode.memory_load_s),
    ]
    peak = {"pss_mib": 0.0}
    generator = subprocess.Popen(argv, cwd=procs.ROOT, stdout=subprocess.PIPE, text=True)
    try:
        while generator.poll() is None:
            sample = _sample(running)
            if sample["pss_mib"] > peak["pss_mib"]:
                peak = sample
            time.sleep(0.5)
        out, _ = generator.communicate(timeout=60)
    finally:
        if generator.poll() is None:
            generator.kill()
    result = __import__("json").loads(out)
    result.pop("latencies")
    return result, peak

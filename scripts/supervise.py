"""`make run` under supervisord: every Procfile line is one supervised process. One that dies is
started again (with a growing pause when it keeps dying at once) while the others keep serving,
and one service or process can be stopped and started while the rest run.

    python -m scripts.supervise run [--only dialogue,hearing]   make run [ONLY=…]
    python -m scripts.supervise stop|start|restart NAME         make stop-service NAME=hearing …
    python -m scripts.supervise status                          make status

NAME is a service as the Procfile spells it (`hearing`: hearing-web and hearing-worker;
`mailsink`) or one process (`hearing-worker`). The supervisor's configuration is written from the
Procfile at every `run` into $SAMMEN_VAR_DIR/supervisor/ (default var/), so the Procfile stays the
one list of processes. With `SAMMEN_WORKER_IN_WEB=1` (development's default) a service's worker
runs inside its web process, and the `-worker` lines are left out (scripts/procfile.py). Each process writes to var/logs/<process>.log; the supervisor's own lines
(started, exited, restarted) go to the terminal and var/logs/supervisord.log, and a note about each
unexpected exit goes into the process's own log too (`scripts/supervision_notes.py`).
"""

from __future__ import annotations

import argparse
import configparser
import hashlib
import io
import os
import secrets
import shlex
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NoReturn

from scripts.procfile import REPO_ROOT, ProcfileEntry, read_entries, started_entries
from scripts.supervision_notes import START_RETRIES, START_SECONDS

BIN = Path(sys.executable).parent
# Longer than gunicorn's graceful_timeout (20 s), so a stop lets requests in flight finish.
STOP_WAIT_SECONDS = 30
NOTES_LISTENER = "supervision-notes"
STATUS_NOT_ALL_RUNNING = 3  # supervisorctl status's exit code
UNIX_SOCKET_PATH_LIMIT = 107  # bytes; Linux's sun_path holds 108 with the closing NUL


def var_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """The platform's var directory, as every service reads it."""
    return Path(environ.get("SAMMEN_VAR_DIR", "var")).resolve()


def config_path(var: Path) -> Path:
    return var / "supervisor" / "supervisord.conf"


def socket_path(var: Path) -> Path:
    """The supervisor's control socket: in the var directory, unless its path is longer than a
    Unix socket's may be (a checkout or a test directory deep in the file system); then in the
    system's temporary directory, under a name that is the var directory's own."""
    path = var / "supervisor" / "supervisor.sock"
    if len(os.fsencode(path)) <= UNIX_SOCKET_PATH_LIMIT:
        return path
    digest = hashlib.sha256(os.fsencode(var)).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"sammen-supervisor-{digest}.sock"


def pidfile_path(var: Path) -> Path:
    return var / "supervisor" / "supervisord.pid"


def log_dir(var: Path) -> Path:
    return var / "logs"


# --- the configuration -----------------------------------------------------------------------


def supervisord_config(entries: Iterable[ProcfileEntry], var: Path, password: str) -> str:
    """supervisord.conf for these Procfile entries, each program in the group of its service."""
    entries = list(entries)
    config = configparser.ConfigParser(interpolation=None)
    config.optionxform = str  # type: ignore[assignment,method-assign]  # keys as written
    sock, logs = socket_path(var), log_dir(var)
    config["supervisord"] = {
        # In the foreground of `make run`: its lines go to the terminal, and Ctrl-C stops all.
        "nodaemon": "true",
        "logfile": f"{logs}/supervisord.log",
        "pidfile": str(pidfile_path(var)),
        "childlogdir": str(logs),
    }
    # Only the supervisor's own user may control it: a private socket with a password per run.
    config["unix_http_server"] = {"file": str(sock), "chmod": "0700"}
    config["unix_http_server"].update(username="sammen", password=password)
    config["supervisorctl"] = {"serverurl": f"unix://{sock}", "username": "sammen"}
    config["supervisorctl"]["password"] = password
    config["rpcinterface:supervisor"] = {
        "supervisor.rpcinterface_factory": "supervisor.rpcinterface:make_main_rpcinterface"
    }
    for entry in entries:
        config[f"program:{entry.name}"] = program_section(entry, logs)
    for service in dict.fromkeys(entry.service for entry in entries):
        members = [entry.name for entry in entries if entry.service == service]
        config[f"group:{service}"] = {"programs": ",".join(members)}
    config[f"eventlistener:{NOTES_LISTENER}"] = {
        "command": shlex.join([sys.executable, "-m", "scripts.supervision_notes", str(logs)]),
        "directory": str(REPO_ROOT),
        "events": "PROCESS_STATE",
        # Every program's start is an event; the default 10 overflowed at start and lost notes.
        "buffer_size": "100",
        "stdout_logfile": "NONE",  # its stdout is the protocol with supervisord
        "stderr_logfile": f"{logs}/{NOTES_LISTENER}.log",
    }
    text = io.StringIO()
    config.write(text)
    # supervisord expands %(name)s in its values, so a literal % is written %%.
    return "; Written by `make run` from the Procfile; edit the Procfile instead.\n" + (
        text.getvalue().replace("%", "%%")
    )


def program_section(entry: ProcfileEntry, logs: Path) -> dict[str, str]:
    return {
        # Through a shell, as the Procfile is written (`${HEARING_PORT:-8012}`); exec makes the
        # supervised pid the process itself (gunicorn's master), not the shell.
        "command": shlex.join(["/bin/sh", "-c", f"exec {entry.command}"]),
        "directory": str(REPO_ROOT),
        "autorestart": "true",
        "startsecs": str(START_SECONDS),
        "startretries": str(START_RETRIES),
        "stopsignal": "TERM",
        "stopwaitsecs": str(STOP_WAIT_SECONDS),
        # gunicorn's workers stop (or are killed) with their master.
        "stopasgroup": "true",
        "killasgroup": "true",
        "redirect_stderr": "true",
        "stdout_logfile": f"{logs}/{entry.name}.log",
    }


def selected(entries: list[ProcfileEntry], only: str) -> list[ProcfileEntry]:
    """The entries of the services named in `only` (all when it is empty)."""
    wanted = {name.strip() for name in only.split(",") if name.strip()}
    unknown = wanted - {entry.service for entry in entries}
    if unknown:
        raise SystemExit(f"not a Procfile service: {', '.join(sorted(unknown))}")
    return [entry for entry in entries if not wanted or entry.service in wanted]


# --- the commands ----------------------------------------------------------------------------


def run(only: str) -> NoReturn:
    """Write the configuration and become supervisord, in the foreground."""
    var = var_dir()
    if is_running(var):
        raise SystemExit(f"the platform already runs here (make status; {socket_path(var)})")
    entries = selected(started_entries(read_entries()), only)
    log_dir(var).mkdir(parents=True, exist_ok=True)
    path = config_path(var)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.touch(mode=0o600)  # it holds this run's password
    path.chmod(0o600)
    path.write_text(supervisord_config(entries, var, secrets.token_urlsafe(24)))
    print(
        f"Sammen under supervisord. Each process's output is in {log_dir(var)}/<process>.log "
        f"(tail -f {log_dir(var)}/*.log). "
        "make status; make stop-service NAME=hearing; make start-service NAME=hearing; "
        "Ctrl-C stops them all.",
        flush=True,
    )
    supervisord = str(BIN / "supervisord")
    os.execv(supervisord, [supervisord, "-c", str(path)])  # noqa: S606  # the venv's own program


def is_running(var: Path) -> bool:
    """A supervisord answers on this var directory's socket."""
    with socket.socket(socket.AF_UNIX) as client:
        try:
            client.connect(str(socket_path(var)))
        except OSError:
            return False
        return True


def control(action: str, name: str | None = None) -> int:
    """supervisorctl on the running platform: `stop hearing`, `status`."""
    var = var_dir()
    if not config_path(var).exists():
        raise SystemExit(f"no platform runs here: {config_path(var)} is missing (make run)")
    targets = [] if name is None else [supervisor_name(name, running_entries(var), read_entries())]
    command = [str(BIN / "supervisorctl"), "-c", str(config_path(var)), action, *targets]
    code = subprocess.run(command, check=False).returncode
    # supervisorctl's "not every process is running" is what `status` reports, not its failure.
    return 0 if action == "status" and code == STATUS_NOT_ALL_RUNNING else code


def running_entries(var: Path) -> list[ProcfileEntry]:
    """The Procfile lines the running supervisor was given (its configuration's programs)."""
    config = configparser.ConfigParser(interpolation=None)
    config.read_string(config_path(var).read_text().replace("%%", "%"))
    programs = {section.removeprefix("program:") for section in config.sections()}
    return [entry for entry in read_entries() if entry.name in programs]


def supervisor_name(
    name: str, entries: list[ProcfileEntry], procfile: list[ProcfileEntry] | None = None
) -> str:
    """The supervisorctl name of a service (`hearing:*`) or a process (`hearing:hearing-web`)
    among `entries`, the running ones; `procfile`, every line, explains a worker that runs inside
    its web process."""
    for entry in entries:
        if name == entry.service:
            return f"{name}:*"
        if name == entry.name:
            return f"{entry.service}:{name}"
    services = {entry.service for entry in entries}
    for entry in procfile or []:
        if name == entry.name and entry.is_worker and entry.service in services:
            web = f"{entry.service}-web"
            raise SystemExit(
                f"{name} runs inside {web} here (SAMMEN_WORKER_IN_WEB=1): "
                f"NAME={web}, or NAME={entry.service}"
            )
    known = sorted({entry.service for entry in entries} | {entry.name for entry in entries})
    raise SystemExit(f"{name!r} is not in the Procfile; one of: {', '.join(known)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.supervise", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="write the configuration and run supervisord")
    run_parser.add_argument("--only", default="", help="some services: dialogue,hearing")
    for action in ("stop", "start", "restart"):
        commands.add_parser(action, help=f"{action} a service or process").add_argument("name")
    commands.add_parser("status", help="every process's state")
    args = parser.parse_args(argv)
    if args.command == "run":
        run(args.only)
    return control(args.command, getattr(args, "name", None))


if __name__ == "__main__":
    sys.exit(main())

"""The whole platform, started as `make run` starts it — every Procfile line its own process — but
isolated for a test run: free ports, a fresh RabbitMQ virtual host, a temporary var directory with
SQLite files (or fresh PostgreSQL databases), its own mail sink, and each process's output in a
log file a test can search.

    with Platform.start(work_dir) as platform:
        platform.url("intake")                 # http://127.0.0.1:<free port>
        platform.kill("routing-worker"); platform.start_process("routing-worker")
        platform.search_logs("idea.submitted")

Only processes whose Python module can be found are started (services may be built in parallel);
`platform.missing` names the others, `platform.require("routing")` skips a test that needs one.

The layout is `make run`'s: with `SAMMEN_WORKER_IN_WEB=1` (development's default, the settings
may say otherwise) each service's worker runs inside its web process and the `-worker` lines are
not started; `platform.worker_process("routing")` names the process that holds a service's worker
either way, and `platform.worker_metrics_url("routing")` where its metrics are.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import re
import shlex
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import IO

from sammen.config import worker_in_web
from sammen.testing import FAST_RETRIES_MS, broker_vhost, free_port, postgres_database
from sammen.testing.processes import end_process_group, ending_with_this_process
from scripts.procfile import PROCFILE, ProcfileEntry, read_entries

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = float(os.environ.get("SAMMEN_PLATFORM_READY_TIMEOUT", "120"))
# Restrict the platform to some services while others are being built: "intake,notify".
ONLY = os.environ.get("SAMMEN_PLATFORM_ONLY", "")

_VARIABLE = re.compile(r"\$\{(\w+)(?::-([^}]*))?\}|\$(\w+)")
_PORT_VARIABLE = re.compile(r"\$\{(\w+)_PORT(?::-[^}]*)?\}")
_APP_MODULE = re.compile(r"'?(sammen[\w.]*)\.app:create_app\(\)'?")
_RUN_MODULE = re.compile(r"-m\s+(sammen[\w.]*)")
# Queues a worker declares but does not consume from: retries wait, parked messages wait for a person;
# and a test's own EventTap (`sammen.testing`), which the test drains itself.
_WAITING_QUEUE = re.compile(r"(\.retry\.\d+ms|\.parked)$|^sammen\.unrouted$|^test-tap-")

# Settings every test run gets: demo data (development), fast retries, a form a test can fill at
# machine speed. Rate limits stay on, but the public form's and the staff login's limits are above
# what a test suite posts from its one address (every browser test logs its visitors in).
BASE_SETTINGS = {
    "SAMMEN_ENV": "development",
    "SAMMEN_RETRY_DELAYS_MS": FAST_RETRIES_MS,
    "INTAKE_MIN_FILL_SECONDS": "0",
    "CALENDAR_MIN_FILL_SECONDS": "0",
    "INTAKE_FORM_RATE_LIMIT": "300/minute",
    "CALENDAR_PROPOSAL_RATE_LIMIT": "300/minute",
    "ROUTING_LOGIN_RATE_LIMIT": "300/minute",
    "SAMMEN_COOKIE_SECURE": "0",
    "WEB_CONCURRENCY": "2",
    "PYTHONUNBUFFERED": "1",
    # Formats announce themselves every TTL/3 and are forgotten after the TTL: fault tests that
    # stop a format see the hub drop it within seconds.
    "DIALOGUE_FORMAT_TTL_SECONDS": "6",
}
# Inherited settings that would point a process at the developer's own platform.
_NOT_INHERITED = re.compile(
    r"^(AMQP_URL|DATABASE_URL|\w+_DATABASE_URL|SAMMEN_\w+|SMTP_\w+|MAILSINK_\w+|\w+_PORT|"
    r"PROMETHEUS_MULTIPROC_DIR)$"
)


class PlatformError(RuntimeError):
    """The platform did not come up (a process died or was not ready in time)."""


def expand(command: str, env: Mapping[str, str]) -> str:
    """`${X:-default}` and `$X` as the shell would expand them."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(3)
        default = match.group(2) if match.group(2) is not None else ""
        return env.get(name) or default

    return _VARIABLE.sub(value, command)


@dataclass(frozen=True)
class ProcessSpec(ProcfileEntry):
    """One Procfile line as the harness starts it: its service is the settings name."""

    @property
    def module(self) -> str:
        """The Python module the line runs; it must be importable for the line to start."""
        if match := _APP_MODULE.search(self.command):
            return f"{match.group(1)}.app"
        if match := _RUN_MODULE.search(self.command):
            return match.group(1)
        raise ValueError(f"cannot tell which sammen module {self.name!r} runs: {self.command}")

    @property
    def port_variable(self) -> str | None:
        """The port setting of a web process (`INTAKE_PORT`), None for other processes."""
        match = _PORT_VARIABLE.search(self.command)
        return f"{match.group(1)}_PORT" if match else None

    @property
    def service(self) -> str:
        """The settings name of the service (`idea_board`): web and worker share its database."""
        if self.port_variable:
            return self.port_variable.removesuffix("_PORT").lower()
        if self.name == "mailsink":
            return "notify"
        return self.name.removesuffix("-worker").replace("-", "_")

    @property
    def is_web(self) -> bool:
        return self.port_variable is not None

    def available(self) -> bool:
        try:
            spec = importlib.util.find_spec(self.module)
            if spec is not None and spec.submodule_search_locations is not None:
                # `python -m package` runs the package's __main__, which may not exist yet.
                spec = importlib.util.find_spec(f"{self.module}.__main__")
        except ModuleNotFoundError:
            return False
        return spec is not None


def read_procfile(path: Path = PROCFILE) -> list[ProcessSpec]:
    return [ProcessSpec(entry.name, entry.command) for entry in read_entries(path)]


@dataclass
class Running:
    spec: ProcessSpec
    popen: subprocess.Popen[bytes]
    log_file: IO[bytes]


@dataclass
class Platform:
    work_dir: Path
    amqp_url: str
    specs: list[ProcessSpec]
    env: dict[str, str]
    ports: dict[str, int]  # service → web port
    worker_metrics_ports: dict[str, int]  # Procfile name → the worker's /metrics port
    mailsink_port: int
    missing: list[ProcessSpec] = field(default_factory=list)
    processes: dict[str, Running] = field(default_factory=dict)

    # --- starting ------------------------------------------------------------------------------

    @classmethod
    @contextlib.contextmanager
    def start(
        cls,
        work_dir: Path,
        *,
        postgres: bool = False,
        settings: Mapping[str, str] | None = None,
        only: str = ONLY,
        ready_timeout: float = READY_TIMEOUT,
        amqp_via: Callable[[str], str] | None = None,
    ) -> Iterator[Platform]:
        """Start every available Procfile process; stop them all (and drop the vhost) at the end.
        `amqp_via` maps the vhost's URL to the one the processes get (through a fault proxy);
        `platform.amqp_url` stays the direct one, for the test's own look at the broker."""
        wanted = {name.strip() for name in only.split(",") if name.strip()}
        specs = [s for s in read_procfile() if not wanted or s.service in wanted]
        available = [s for s in specs if s.available()]
        with contextlib.ExitStack() as stack:
            amqp_url = stack.enter_context(broker_vhost())
            databases = {}
            if postgres:
                for service in sorted({s.service for s in available}):
                    databases[service] = stack.enter_context(postgres_database())
            platform = cls._prepare(work_dir, amqp_url, specs, available, databases, settings or {})
            if amqp_via is not None:
                platform.env["AMQP_URL"] = amqp_via(amqp_url)
            stack.callback(platform.stop_all)
            for spec in platform.specs:
                platform.start_process(spec.name, wait=False)
            platform.wait_until_ready(timeout=ready_timeout)
            yield platform

    @classmethod
    def _prepare(
        cls,
        work_dir: Path,
        amqp_url: str,
        specs: list[ProcessSpec],
        available: list[ProcessSpec],
        databases: Mapping[str, str],
        settings: Mapping[str, str],
    ) -> Platform:
        var_dir = work_dir / "var"
        (work_dir / "logs").mkdir(parents=True, exist_ok=True)
        var_dir.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not _NOT_INHERITED.match(k)}
        env.update(BASE_SETTINGS)
        env.update(SAMMEN_VAR_DIR=str(var_dir), AMQP_URL=amqp_url)
        ports: dict[str, int] = {}
        for spec in specs:  # every service gets an address, so links to a missing one are stable
            if spec.port_variable:
                ports[spec.service] = free_port()
                env[spec.port_variable] = str(ports[spec.service])
                env[f"SAMMEN_BASE_URL_{spec.service.upper()}"] = (
                    f"http://127.0.0.1:{ports[spec.service]}"
                )
        mailsink_port = free_port()
        env.update(
            MAILSINK_HOST="127.0.0.1",
            MAILSINK_PORT=str(mailsink_port),
            SMTP_HOST="127.0.0.1",
            SMTP_PORT=str(mailsink_port),
        )
        for service, url in databases.items():
            env[f"{service.upper()}_DATABASE_URL"] = url
        env.update(settings)
        if worker_in_web(env):
            specs = [s for s in specs if not s.is_worker]
            available = [s for s in available if not s.is_worker]
        return cls(
            work_dir=work_dir,
            amqp_url=amqp_url,
            specs=available,
            env=env,
            ports=ports,
            worker_metrics_ports={s.name: free_port() for s in available if s.is_worker},
            mailsink_port=mailsink_port,
            missing=[s for s in specs if s not in available],
        )

    @classmethod
    def prepare(
        cls,
        work_dir: Path,
        amqp_url: str,
        processes: list[ProcessSpec],
        settings: Mapping[str, str],
    ) -> Platform:
        """Addresses and settings for some Procfile processes (on SQLite), started by the test
        another way: through `make run`'s supervisor."""
        return cls._prepare(work_dir, amqp_url, read_procfile(), processes, {}, settings)

    def spec(self, name: str) -> ProcessSpec:
        for spec in self.specs:
            if spec.name == name:
                return spec
        raise KeyError(f"{name!r} is not a running Procfile process here; missing: {self.missing}")

    def start_process(self, name: str, *, wait: bool = True, timeout: float = 60) -> None:
        """Start one Procfile process (again), with its output appended to its log file."""
        spec = self.spec(name)
        if name in self.processes and self.processes[name].popen.poll() is None:
            raise PlatformError(f"{name} is already running")
        env = dict(self.env)
        if spec.is_worker:
            env["SAMMEN_WORKER_METRICS_PORT"] = str(self.worker_metrics_ports[name])
        log_file = self.log_path(name).open("ab")
        popen = subprocess.Popen(
            ending_with_this_process(shlex.split(expand(spec.command, env))),
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: gunicorn's workers stop with it
        )
        self.processes[name] = Running(spec, popen, log_file)
        if wait:
            self.wait_until_ready([name], timeout=timeout)

    # --- readiness -----------------------------------------------------------------------------

    def wait_until_ready(
        self, names: list[str] | None = None, timeout: float = READY_TIMEOUT
    ) -> None:
        """Every web answers /readyz 200, every worker serves /metrics, the mail sink takes
        connections, and every queue the workers declared has its consumer."""
        pending = set(names or self.processes)
        deadline = time.monotonic() + timeout
        while pending:
            for name in sorted(pending):
                running = self.processes[name]
                if running.popen.poll() is not None:
                    raise PlatformError(
                        f"{name} exited with {running.popen.returncode} before it was ready:\n"
                        + self.log_tail(name)
                    )
                if self._is_ready(running.spec):
                    pending.discard(name)
            if pending and time.monotonic() > deadline:
                tails = "\n".join(f"--- {n}\n{self.log_tail(n)}" for n in sorted(pending))
                raise PlatformError(f"not ready after {timeout}s: {sorted(pending)}\n{tails}")
            if pending:
                time.sleep(0.2)  # polling interval of a condition with a deadline
        self._wait_for_consumers(deadline)

    def _is_ready(self, spec: ProcessSpec) -> bool:
        if spec.is_web:
            if _http_status(f"{self.url(spec.service)}/readyz") != 200:
                return False
            return not self.worker_in_web or _consuming(self.worker_metrics_url(spec.service))
        if spec.is_worker:
            return _consuming(self.worker_metrics_url(spec.service))
        if spec.name == "mailsink":
            return _accepts(self.mailsink_port)
        return True

    def _wait_for_consumers(self, deadline: float) -> None:
        # Each worker's consumer said it consumes (above); this checks the broker agrees.
        while True:
            idle = [q for q, consumers in self.queues().items() if consumers == 0]
            if not idle:
                return
            if time.monotonic() > deadline:
                raise PlatformError(f"queues without a consumer: {idle}")
            time.sleep(0.2)

    def queues(self) -> dict[str, int]:
        """The platform's consumed queues (not retry or parking queues) → consumer count."""
        counts = self.queue_counts("consumers")
        return {queue: n for queue, n in counts.items() if not _WAITING_QUEUE.search(queue)}

    def queue_counts(self, column: str) -> dict[str, int]:
        """Every queue of the platform's vhost → one count rabbitmqctl lists for it (`consumers`,
        `messages`, …)."""
        vhost = urllib.parse.unquote(self.amqp_url.rsplit("/", 1)[1])
        result = subprocess.run(
            ["rabbitmqctl", "-q", "list_queues", "-p", vhost, "name", column],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        counts = {}
        for line in result.stdout.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                counts[parts[0]] = int(parts[1])
        return counts

    # --- addresses -----------------------------------------------------------------------------

    @property
    def var_dir(self) -> Path:
        return Path(self.env["SAMMEN_VAR_DIR"])

    @property
    def mail_dir(self) -> Path:
        return self.var_dir / "mail"

    def mails(self) -> list[EmailMessage]:
        """Every mail the mail sink kept, oldest first."""
        if not self.mail_dir.is_dir():
            return []
        return [
            message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[misc]
            for path in sorted(self.mail_dir.glob("*.eml"))
        ]

    def find_mail(self, recipient: str, text: str = "") -> EmailMessage | None:
        """The first kept mail to `recipient` whose text contains `text` (for wait_for)."""
        for mail in self.mails():
            if recipient in str(mail.get("To", "")) and text in mail_text(mail):
                return mail
        return None

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.ports[service]}"

    def has(self, service: str) -> bool:
        """The service's web process is running here."""
        return any(s.is_web and s.service == service for s in self.specs)

    def require(self, *services: str) -> None:
        """Skip the calling test when a service it needs does not exist (yet)."""
        import pytest

        absent = [s for s in services if not self.has(s)]
        if absent:
            pytest.skip(f"needs service(s) not in this platform yet: {', '.join(absent)}")

    @property
    def worker_in_web(self) -> bool:
        """Each service's worker runs inside its web process (`SAMMEN_WORKER_IN_WEB`)."""
        return worker_in_web(self.env)

    def worker_process(self, service: str) -> str:
        """The Procfile name of the process holding `service`'s worker (`routing-web` while the
        worker runs inside the web process, else `routing-worker`)."""
        role = "web" if self.worker_in_web else "worker"
        return next(s.name for s in self.specs if s.service == service and s.name.endswith(role))

    def worker_metrics_url(self, service: str) -> str:
        """Where `service`'s worker serves its metrics: its own port, or its web's /metrics."""
        name = self.worker_process(service)
        if name in self.worker_metrics_ports:
            return f"http://127.0.0.1:{self.worker_metrics_ports[name]}/metrics"
        return f"{self.url(service)}/metrics"

    def worker_metrics_urls(self) -> list[str]:
        """Every service's worker metrics address."""
        return [
            self.worker_metrics_url(s.service)
            for s in self.specs
            if s.is_worker or (s.is_web and self.worker_in_web)
        ]

    def metrics_targets(self) -> dict[str, str]:
        """Every /metrics address (web and worker), by Procfile name, for a Prometheus check."""
        targets = {s.name: f"{self.url(s.service)}/metrics" for s in self.specs if s.is_web}
        targets.update(
            {n: f"http://127.0.0.1:{p}/metrics" for n, p in self.worker_metrics_ports.items()}
        )
        return targets

    # --- logs ----------------------------------------------------------------------------------

    def log_path(self, name: str) -> Path:
        return self.work_dir / "logs" / f"{name}.log"

    def log_text(self, name: str) -> str:
        path = self.log_path(name)
        return path.read_text(errors="replace") if path.exists() else ""

    def log_tail(self, name: str, lines: int = 40) -> str:
        return "\n".join(self.log_text(name).splitlines()[-lines:])

    def search_logs(self, pattern: str, names: list[str] | None = None) -> dict[str, list[str]]:
        """Lines matching a regular expression, by Procfile name (only names with a match)."""
        regex = re.compile(pattern)
        found = {}
        for name in names or [s.name for s in self.specs]:
            lines = [line for line in self.log_text(name).splitlines() if regex.search(line)]
            if lines:
                found[name] = lines
        return found

    # --- faults --------------------------------------------------------------------------------

    def is_running(self, name: str) -> bool:
        return name in self.processes and self.processes[name].popen.poll() is None

    def stop(self, name: str, timeout: float = 20) -> int:
        """SIGTERM, as the supervisor or an orchestrator stops a process; SIGKILL after the timeout."""
        return self._end(name, signal.SIGTERM, timeout)

    def kill(self, name: str) -> int:
        """SIGKILL to the process and its children (a crash, an OOM kill)."""
        return self._end(name, signal.SIGKILL, 10)

    def restart(self, name: str, timeout: float = 60) -> None:
        self.stop(name)
        self.start_process(name, timeout=timeout)

    def _end(self, name: str, sig: signal.Signals, timeout: float) -> int:
        running = self.processes[name]
        end_process_group(running.popen, sig, timeout)
        # Children that outlived their parent (a gunicorn worker after the master's SIGKILL).
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(running.popen.pid, signal.SIGKILL)
        running.log_file.close()
        return running.popen.returncode

    def stop_all(self, timeout: float = 20) -> None:
        """SIGTERM to every process at once (as the supervisor does on Ctrl-C), then wait for each."""
        for running in self.processes.values():
            if running.popen.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(running.popen.pid, signal.SIGTERM)
        for name in list(self.processes):
            self.stop(name, timeout)


def _http_status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return None


def _consuming(metrics_url: str) -> bool:
    """The worker's consumer has declared its queues and consumes from them."""
    try:
        with urllib.request.urlopen(metrics_url, timeout=2) as response:
            text = response.read().decode()
    except (urllib.error.URLError, OSError):
        return False
    return 'sammen_broker_connected{role="consumer"} 1.0' in text


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def mail_text(mail: EmailMessage) -> str:
    """The plain-text body (or the HTML one when there is no plain part)."""
    part = mail.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""  # type: ignore[union-attr]


def describe_missing(platform: Platform) -> str:
    if not platform.missing:
        return "every Procfile process is running"
    return "not started (module not found): " + ", ".join(
        f"{s.name} ({s.module})" for s in platform.missing
    )

"""`make run` under its supervisor: a process that dies is started again while the others keep
serving, one format stops and starts on its own with `make stop-service` / `make start-service`,
and Ctrl-C stops everything. The platform is `make run ONLY=…` itself (the dialogue hub and both
formats, to keep the cost down) on free ports, with a fresh vhost and its own var directory."""

from __future__ import annotations

import configparser
import io
import os
import shlex
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from sammen.testing import broker_vhost, wait_for
from sammen.testing.processes import end_process_group
from scripts.procfile import read_entries, started_entries
from scripts.supervise import (
    config_path,
    log_dir,
    pidfile_path,
    selected,
    socket_path,
    supervisor_name,
    supervisord_config,
)
from scripts.supervision_notes import acknowledge, next_event, note
from tests.platform.harness import READY_TIMEOUT, REPO_ROOT, Platform, read_procfile

SERVICES = "dialogue,idea-board,hearing"
TTL_SECONDS = 6
SETTINGS = {
    "DIALOGUE_FORMAT_TTL_SECONDS": str(TTL_SECONDS),
    "WEB_CONCURRENCY": "1",
    "SAMMEN_WORKER_METRICS_PORT": "0",  # the fixed default ports may be taken on this machine
}
# Settings names (the hub's slugs) of what runs here.
FORMATS = {"idea_board", "hearing"}
WEBS = ["dialogue", *sorted(FORMATS)]


def test_the_control_socket_fits_a_unix_socket_path_however_deep_the_var_directory():
    shallow = Path("/srv/sammen/var")
    assert socket_path(shallow) == shallow / "supervisor" / "supervisor.sock"

    deep = Path("/tmp") / ("a-long-folder-name-" * 8) / "var"
    sock = socket_path(deep)
    assert len(str(sock)) <= 107
    assert sock == socket_path(deep)  # the same var directory, the same socket
    assert sock != socket_path(deep.parent / "other-var")


def test_every_procfile_line_is_a_program_in_its_services_group(tmp_path):
    entries = read_entries()
    config = configparser.ConfigParser(interpolation=None)
    config.read_string(supervisord_config(entries, tmp_path, "secret").replace("%%", "%"))
    for entry in entries:
        command = shlex.split(config[f"program:{entry.name}"]["command"])
        assert command == ["/bin/sh", "-c", f"exec {entry.command}"]
        assert entry.name in config[f"group:{entry.service}"]["programs"].split(",")
    assert config["group:hearing"]["programs"] == "hearing-web,hearing-worker"


def test_a_name_is_a_service_or_one_process_of_the_procfile():
    entries = read_entries()
    assert supervisor_name("hearing", entries) == "hearing:*"
    assert supervisor_name("idea-board-worker", entries) == "idea-board:idea-board-worker"
    assert supervisor_name("mailsink", entries) == "mailsink:*"
    with pytest.raises(SystemExit, match=r"one of: .*hearing-web"):
        supervisor_name("hearings", entries)
    with pytest.raises(SystemExit, match="not a Procfile service: idea_board"):
        selected(entries, "hearing,idea_board")


def test_make_run_leaves_the_worker_lines_out_while_each_worker_runs_in_its_web():
    entries = read_entries()
    development = started_entries(entries, {"SAMMEN_ENV": "development"})
    assert [entry.name for entry in development if entry.service == "hearing"] == ["hearing-web"]
    assert "mailsink" in {entry.name for entry in development}
    apart = {"SAMMEN_ENV": "development", "SAMMEN_WORKER_IN_WEB": "0"}
    assert started_entries(entries, apart) == entries
    assert started_entries(entries, {"SAMMEN_ENV": "production"}) == entries
    assert supervisor_name("hearing", development, entries) == "hearing:*"
    with pytest.raises(SystemExit, match="hearing-worker runs inside hearing-web here"):
        supervisor_name("hearing-worker", development, entries)


def test_the_notes_say_what_the_supervisor_does_about_an_exit():
    exited = {"processname": "hearing-web", "pid": "41", "expected": "0"}
    assert "stopped unexpectedly; the supervisor starts it again" in note(
        "PROCESS_STATE_EXITED", exited
    )
    assert note("PROCESS_STATE_EXITED", {**exited, "expected": "1"}) is None
    backoff = note("PROCESS_STATE_BACKOFF", {"processname": "hearing-web", "tries": "2"})
    assert "tries again in 2 s (try 2 of 5)" in backoff
    fatal = note("PROCESS_STATE_FATAL", {"processname": "hearing-web"})
    assert "make start-service NAME=hearing-web" in fatal
    assert note("PROCESS_STATE_RUNNING", {"processname": "hearing-web"}) is None


def test_the_notes_listener_speaks_supervisors_own_listener_protocol():
    """The listener writes the protocol out itself; supervisor's own library is the reference."""
    from supervisor import childutils

    payload = "processname:hearing-web groupname:hearing from_state:RUNNING expected:0 pid:41"
    event = (
        f"ver:3.0 server:supervisor serial:7 eventname:PROCESS_STATE_EXITED len:{len(payload)}\n"
    )
    ours, theirs = io.StringIO(), io.StringIO()
    assert next_event(io.StringIO(event + payload), ours) == childutils.listener.wait(
        io.StringIO(event + payload), theirs
    )
    acknowledge(ours)
    childutils.listener.ok(theirs)
    assert ours.getvalue() == theirs.getvalue() == "READY\nRESULT 2\nOK"


@dataclass
class Supervised:
    platform: Platform
    make_run: subprocess.Popen[bytes]

    def make(self, *args: str) -> subprocess.CompletedProcess[str]:
        """A documented make target against this platform (its var directory is in the env)."""
        return subprocess.run(
            ["make", "--no-print-directory", *args],
            cwd=REPO_ROOT,
            env=self.platform.env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def supervisorctl(self, *args: str) -> str:
        """What the supervisor answers to a supervisorctl command, on this platform's config."""
        result = subprocess.run(
            [
                str(REPO_ROOT / ".venv/bin/supervisorctl"),
                "-c",
                str(config_path(self.platform.var_dir)),
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
        return result.stdout

    def pid(self, service: str, process: str) -> int:
        """The process's pid as the supervisor knows it (0 while it is not running)."""
        answer = self.supervisorctl("pid", f"{service}:{process}").strip()
        return int(answer) if answer.isdigit() else 0

    def running(self, service: str, process: str) -> bool:
        """The supervisor counts the process as started (up past its start seconds)."""
        return " RUNNING " in self.supervisorctl("status", f"{service}:{process}")

    def log(self, name: str) -> str:
        path = log_dir(self.platform.var_dir) / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def live_formats(self) -> set[str]:
        response = requests.get(f"{self.platform.url('dialogue')}/api/v1/formats", timeout=5)
        response.raise_for_status()
        return {entry["slug"] for entry in response.json()}

    def healthy(self, service: str) -> bool:
        # A stopped service refuses at once; a running one may be slow on a busy machine.
        return _status(f"{self.platform.url(service)}/healthz", timeout=10) == 200

    def ready(self) -> bool:
        if self.make_run.poll() is not None:
            raise AssertionError(f"make run exited:\n{self.log('make-run')[-4000:]}")
        if not all(_status(f"{self.platform.url(s)}/readyz") == 200 for s in WEBS):
            return False
        queues = self.platform.queues()
        return bool(queues) and all(queues.values()) and self.live_formats() == FORMATS


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _status(url: str, timeout: float = 2) -> int | None:
    try:
        return requests.get(url, timeout=timeout).status_code
    except requests.RequestException:
        return None


@pytest.fixture(scope="module")
def supervised(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Supervised]:
    work_dir = tmp_path_factory.mktemp("supervised")
    names = {entry.name for entry in selected(read_entries(), SERVICES)}
    with broker_vhost() as amqp_url:
        processes = [spec for spec in read_procfile() if spec.name in names]
        platform = Platform.prepare(work_dir, amqp_url, processes, SETTINGS)
        log_dir(platform.var_dir).mkdir(parents=True)
        with (log_dir(platform.var_dir) / "make-run.log").open("ab") as output:
            make_run = subprocess.Popen(
                ["make", "--no-print-directory", "run", f"ONLY={SERVICES}"],
                cwd=REPO_ROOT,
                env=platform.env,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a terminal of its own, for Ctrl-C to the whole group
            )
        running = Supervised(platform, make_run)
        try:
            wait_for(running.ready, timeout=READY_TIMEOUT, interval=0.5, what="make run ready")
            yield running
        finally:
            _interrupt(running)


def _interrupt(running: Supervised) -> None:
    """Ctrl-C: SIGINT to make's whole process group, as a terminal sends it."""
    end_process_group(running.make_run, signal.SIGINT, 60)


@pytest.mark.slow
def test_a_killed_format_master_is_started_again_while_the_others_keep_serving(supervised):
    # Started, not starting: a process that dies in its first seconds is tried again with a pause.
    wait_for(
        lambda: supervised.running("hearing", "hearing-web"),
        timeout=READY_TIMEOUT,
        what="hearing-web up past its start",
    )
    killed = supervised.pid("hearing", "hearing-web")
    assert killed
    os.kill(killed, signal.SIGKILL)  # gunicorn's master only, as a crash or the OOM killer would
    unanswered = []

    def hearing_is_back() -> bool:
        unanswered.extend(s for s in ("dialogue", "idea_board") if not supervised.healthy(s))
        # Until the killed master's orphaned workers have gone, they may still be the ones answering.
        return (
            not _group_alive(killed)
            and supervised.pid("hearing", "hearing-web") not in (0, killed)
            and supervised.healthy("hearing")
        )

    wait_for(hearing_is_back, timeout=READY_TIMEOUT, interval=0.2, what="hearing-web started again")
    assert not unanswered, f"stopped answering /healthz while hearing-web was down: {unanswered}"
    assert "hearing-web (terminated by SIGKILL; not expected)" in supervised.log("supervisord")
    assert f"hearing-web (pid {killed}) stopped unexpectedly" in supervised.log("hearing-web")
    if supervised.platform.worker_in_web:
        # The format's worker lives in hearing-web: the orphaned web worker withdrew the format
        # as it stopped, and the new one announces it again.
        wait_for(
            lambda: supervised.live_formats() == FORMATS,
            timeout=READY_TIMEOUT,
            what="the hub listing the hearing again",
        )
    else:
        # The worker never stopped, so the hub went on listing the format.
        assert supervised.live_formats() == FORMATS


@pytest.mark.slow
def test_one_format_stops_and_starts_alone_with_make(supervised):
    stopped = supervised.make("stop-service", "NAME=hearing")
    assert stopped.returncode == 0, stopped.stdout + stopped.stderr
    wait_for(
        lambda: supervised.live_formats() == {"idea_board"},
        timeout=TTL_SECONDS,
        what="the hub dropping the stopped hearing",
    )
    assert not supervised.healthy("hearing")
    assert all(supervised.healthy(s) for s in ("dialogue", "idea_board"))
    status = supervised.make("status").stdout
    assert "hearing:hearing-web" in status and "STOPPED" in status
    holder = supervised.platform.worker_process("idea_board")  # idea-board-web in make run's layout
    assert f"idea-board:{holder}" in status and "RUNNING" in status

    started = supervised.make("start-service", "NAME=hearing")
    assert started.returncode == 0, started.stdout + started.stderr
    wait_for(
        lambda: supervised.live_formats() == FORMATS and supervised.healthy("hearing"),
        timeout=READY_TIMEOUT,
        what="the hearing serving and back in the hub",
    )


@pytest.mark.slow
def test_ctrl_c_on_make_run_stops_every_process(supervised):
    supervisor = int(pidfile_path(supervised.platform.var_dir).read_text())
    started = started_entries(selected(read_entries(), SERVICES), supervised.platform.env)
    processes = [supervised.pid(entry.service, entry.name) for entry in started]
    assert all(processes)
    _interrupt(supervised)
    assert supervised.make_run.returncode is not None
    with pytest.raises(ProcessLookupError):
        os.kill(supervisor, 0)
    # Each supervised process leads a process group of its own, with gunicorn's workers in it.
    assert not any(_group_alive(pid) for pid in processes)
    assert not any(supervised.healthy(s) for s in WEBS)

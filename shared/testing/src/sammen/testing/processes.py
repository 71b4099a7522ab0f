"""Ending the processes tests and benchmarks start: asked first, killed at the deadline."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from collections.abc import Sequence
from typing import Any

KILLED_WAIT = 10  # a SIGKILLed process is gone at once; this only bounds a stuck wait


def ending_with_this_process(command: Sequence[str]) -> list[str]:
    """`command`, to be told SIGTERM when the process that starts it dies.

    A test run killed from outside (a timeout, a second Ctrl-C) runs no teardown; without this,
    the services it started live on and keep reconnecting to their deleted broker vhost, which
    leaves the broker holding half-closed connections until it runs out of file descriptors.
    util-linux's `setpriv` sets the parent-death signal and execs the command (a `preexec_fn`
    would do the same, but is unsafe in a process with threads, as a test run has).
    """
    setpriv = shutil.which("setpriv")
    return [setpriv, "--pdeathsig", "TERM", "--", *command] if setpriv else list(command)


def end_process(popen: subprocess.Popen[Any], timeout: float) -> None:
    """SIGTERM to the process; SIGKILL if it has not exited within `timeout` seconds."""
    if popen.poll() is None:
        popen.terminate()
    try:
        popen.wait(timeout)
    except subprocess.TimeoutExpired:
        popen.kill()
        popen.wait(KILLED_WAIT)


def end_process_group(popen: subprocess.Popen[Any], sig: signal.Signals, timeout: float) -> None:
    """`sig` to the process's group (started in a session of its own, so the group holds exactly
    it and its children); SIGKILL to the group if it has not exited within `timeout` seconds."""
    if popen.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(popen.pid, sig)
    try:
        popen.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(popen.pid, signal.SIGKILL)
        popen.wait(KILLED_WAIT)

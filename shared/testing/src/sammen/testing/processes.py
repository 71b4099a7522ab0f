"""Ending the processes tests and benchmarks start: asked first, killed at the deadline."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from typing import Any

KILLED_WAIT = 10  # a SIGKILLed process is gone at once; this only bounds a stuck wait


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

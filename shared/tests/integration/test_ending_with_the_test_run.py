"""A process a test starts ends when the test run dies without its teardown."""

from __future__ import annotations

import signal
import subprocess
import sys

from sammen.testing import wait_for

STARTER = """
import subprocess, sys
from sammen.testing.processes import ending_with_this_process
child = subprocess.Popen(ending_with_this_process([sys.executable, "-c", "import time; time.sleep(120)"]))
print(child.pid, flush=True)
sys.stdin.read()
"""


def _alive(pid: int) -> bool:
    # A child that has died but is not reaped by its new parent yet counts as gone.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


def test_a_started_process_ends_when_its_starter_is_killed() -> None:
    starter = subprocess.Popen(
        [sys.executable, "-c", STARTER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert starter.stdout is not None
    child = int(starter.stdout.readline())
    assert _alive(child)

    starter.send_signal(signal.SIGKILL)  # no teardown runs, as with a killed test run
    starter.wait(10)

    wait_for(lambda: not _alive(child), timeout=10, what="the started process to end")

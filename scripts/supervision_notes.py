"""The supervisor's event listener: a note in a process's own log when it exits unexpectedly, is
backing off or was given up.

    python -m scripts.supervision_notes LOGS    (supervisord starts it; see scripts/supervise.py)

It runs as long as `make run` does, so it imports little: the event listener protocol is a few
lines of text on stdin and stdout, written out here rather than imported with the rest of
supervisor's library (which would make this process twice the size).
"""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import IO, NoReturn

from sammen.logs import JsonFormatter
from scripts.procfile import read_entries

# A process must stay up this long to count as started; one that dies sooner is tried again after
# 1 s, 2 s, … up to START_RETRIES times, then left stopped (FATAL) with a note in its log.
START_SECONDS = 10
START_RETRIES = 5


def note(event: str, payload: Mapping[str, str]) -> str | None:
    """What a process's log should say about a supervisor event (None: nothing to say)."""
    name = payload["processname"]
    if event == "PROCESS_STATE_EXITED" and payload.get("expected") == "0":
        return f"{name} (pid {payload['pid']}) stopped unexpectedly; the supervisor starts it again"
    if event == "PROCESS_STATE_BACKOFF":
        return (
            f"{name} did not stay up {START_SECONDS} s; the supervisor tries again in "
            f"{payload['tries']} s (try {payload['tries']} of {START_RETRIES})"
        )
    if event == "PROCESS_STATE_FATAL":
        return (
            f"{name} kept dying at start; the supervisor leaves it stopped. "
            f"Once the cause is fixed: make start-service NAME={name}"
        )
    return None


def headers(line: str) -> dict[str, str]:
    """`key:value key:value …`, the form of an event's header line and of its payload's first."""
    return dict(token.split(":", 1) for token in line.split())


def next_event(stdin: IO[str], stdout: IO[str]) -> tuple[dict[str, str], str]:
    """Tell supervisord this listener is ready, then read one event: its headers and payload."""
    stdout.write("READY\n")
    stdout.flush()
    event = headers(stdin.readline())
    return event, stdin.read(int(event["len"]))


def acknowledge(stdout: IO[str]) -> None:
    stdout.write("RESULT 2\nOK")
    stdout.flush()


def write_notes(logs: Path, stdin: IO[str] = sys.stdin, stdout: IO[str] = sys.stdout) -> NoReturn:
    """A JSON line like the services' own in the log of the process an event is about."""
    # supervisord stops its listener with SIGTERM; that is its normal end.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    formatter = JsonFormatter("supervisor")
    processes = {entry.name for entry in read_entries()}
    while True:
        event, payload = next_event(stdin, stdout)
        fields = headers(payload.split("\n", 1)[0])
        message = note(event["eventname"], fields)
        if message and fields["processname"] in processes:
            record = logging.LogRecord(
                "sammen.supervision", logging.WARNING, __file__, 0, message, None, None
            )
            with (logs / f"{fields['processname']}.log").open("a") as log:
                log.write(formatter.format(record) + "\n")
        acknowledge(stdout)


if __name__ == "__main__":
    write_notes(Path(sys.argv[1]))

"""A service served by gunicorn in a process of its own, as in production: for what only several
web workers (or several instances) show, such as shared counters and metrics."""

from __future__ import annotations

import contextlib
import http.client
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

from sammen.testing import free_port, wait_for
from sammen.testing.processes import ending_with_this_process


@contextlib.contextmanager
def served_by_gunicorn(app: str, env: Mapping[str, str], workers: int = 1) -> Iterator[str]:
    """`app` (gunicorn's "module:create_app()") with the production gunicorn settings and `env`,
    on a free port; yields its base URL once /healthz answers, and stops it afterwards."""
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "-c",
        "python:sammen.gunicorn_conf",
        "-b",
        f"127.0.0.1:{port}",
        app,
    ]
    process = subprocess.Popen(
        ending_with_this_process(command),
        env={**env, "WEB_CONCURRENCY": str(workers)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _healthy(port), timeout=60, what=f"{app} under gunicorn")
        yield base
    finally:
        process.terminate()
        process.wait(20)


def _healthy(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except (OSError, http.client.HTTPException):  # not listening yet, or closed mid-start
        return False
    finally:
        connection.close()

"""A service's Flask app in the bench process, with the environment its processes would get."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from flask import Flask


@contextlib.contextmanager
def service_app(
    create_app: Callable[[], Flask], env: dict[str, str], log_path: Path
) -> Iterator[Flask]:
    """`create_app()` under `env`; its log lines (still written, as in production) go to a file."""
    saved = dict(os.environ)
    os.environ.update(env)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "a") as log_file:
        try:
            app = create_app()
            for handler in logging.getLogger().handlers:
                if isinstance(handler, logging.StreamHandler):
                    handler.setStream(log_file)
            yield app
        finally:
            os.environ.clear()
            os.environ.update(saved)
            logging.getLogger().handlers.clear()
    database: Any = app.config.get("SAMMEN_DATABASE")
    if database is not None:
        database.dispose()

"""The notify worker: consumers that only create message rows, and the jobs that send them."""

from __future__ import annotations

from sammen.bus.worker import Worker
from sammen.config import Settings
from sammen.db import Database
from sammen.notify.settings import notify_config
from sammen.notify.handlers import subscriptions
from sammen.notify.jobs import build_jobs


def build_worker(settings: Settings, database: Database) -> Worker:
    config = notify_config(settings)
    return Worker(
        settings, database, subscriptions(settings), build_jobs(database, settings, config)
    )

"""`python -m sammen.formats.realisation worker` runs the worker; `… migrate` applies the migrations."""

from __future__ import annotations

import sys

from sammen.bus.worker import Worker
from sammen.config import load_settings
from sammen.db import Database, migrate
from sammen.formats.realisation.app import MIGRATIONS
from sammen.formats.realisation.handlers import SUBSCRIPTIONS
from sammen.formats.realisation.jobs import announcer, question_clock_job
from sammen.formats.realisation.service import SERVICE
from sammen.logs import configure_logging
from sammen.runtime import boot


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "worker"
    configure_logging(SERVICE)
    if command == "migrate":
        migrate(Database(load_settings(SERVICE).database_url), MIGRATIONS)
        return 0
    if command == "worker":
        settings, database = boot(SERVICE, MIGRATIONS)
        format_announcer = announcer(settings, database)
        jobs = [format_announcer.job(), question_clock_job(settings, database)]
        Worker(settings, database, SUBSCRIPTIONS, jobs).run_forever()
        # Stopped cleanly (SIGTERM, Ctrl-C): the hub drops the format now, not after its TTL.
        format_announcer.withdraw()
        return 0
    print("usage: python -m sammen.formats.realisation [worker|migrate]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

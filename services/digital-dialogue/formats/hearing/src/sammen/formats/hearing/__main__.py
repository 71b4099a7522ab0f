"""`python -m sammen.formats.hearing web | worker | migrate`."""

import sys

from sammen.formats.hearing import handlers
from sammen.formats.hearing.app import MIGRATIONS
from sammen.formats.hearing.jobs import jobs, withdraw
from sammen.formats.hearing.service import SERVICE
from sammen.runtime import Processes, main

PROCESSES = Processes(SERVICE, MIGRATIONS, handlers, jobs=jobs, stopped=withdraw)

if __name__ == "__main__":
    sys.exit(main(PROCESSES))

"""`python -m sammen.formats.realisation web | worker | migrate`."""

import sys

from sammen.formats.realisation import handlers
from sammen.formats.realisation.app import MIGRATIONS
from sammen.formats.realisation.jobs import jobs, withdraw
from sammen.formats.realisation.service import SERVICE
from sammen.runtime import Processes, main

PROCESSES = Processes(SERVICE, MIGRATIONS, handlers, jobs=jobs, stopped=withdraw)

if __name__ == "__main__":
    sys.exit(main(PROCESSES))

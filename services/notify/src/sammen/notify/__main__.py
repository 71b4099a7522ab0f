"""`python -m sammen.notify web | worker | migrate`; the consumers only create message rows,
the jobs send them."""

import sys

from sammen.notify import handlers
from sammen.notify.app import MIGRATIONS
from sammen.notify.jobs import build_jobs
from sammen.runtime import Processes, main

PROCESSES = Processes("notify", MIGRATIONS, handlers, jobs=build_jobs)

if __name__ == "__main__":
    sys.exit(main(PROCESSES))

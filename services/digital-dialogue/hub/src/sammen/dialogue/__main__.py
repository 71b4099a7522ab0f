"""`python -m sammen.dialogue web | worker | migrate`: the hub."""

import sys

from sammen.dialogue import handlers
from sammen.dialogue.app import MIGRATIONS, SERVICE
from sammen.dialogue.jobs import jobs
from sammen.runtime import Processes, main

PROCESSES = Processes(SERVICE, MIGRATIONS, handlers, jobs=jobs)

if __name__ == "__main__":
    sys.exit(main(PROCESSES))

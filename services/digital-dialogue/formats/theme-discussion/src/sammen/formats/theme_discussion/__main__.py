"""`python -m sammen.formats.theme_discussion web | worker | migrate`."""

import sys

from sammen.formats.theme_discussion import handlers
from sammen.formats.theme_discussion.app import MIGRATIONS
from sammen.formats.theme_discussion.jobs import jobs, withdraw
from sammen.formats.theme_discussion.service import SERVICE
from sammen.runtime import Processes, main

PROCESSES = Processes(SERVICE, MIGRATIONS, handlers, jobs=jobs, stopped=withdraw)

if __name__ == "__main__":
    sys.exit(main(PROCESSES))

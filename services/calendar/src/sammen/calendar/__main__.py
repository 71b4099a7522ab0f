"""`python -m sammen.calendar web | worker | migrate` (migrating also seeds the organizers)."""

import sys

from sammen.calendar import handlers
from sammen.calendar.app import MIGRATIONS
from sammen.calendar.seed import seed
from sammen.runtime import Processes, main

PROCESSES = Processes("calendar", MIGRATIONS, handlers, migrated=seed)

if __name__ == "__main__":
    sys.exit(main(PROCESSES))

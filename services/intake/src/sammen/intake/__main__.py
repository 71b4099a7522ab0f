"""`python -m sammen.intake web | worker | migrate`."""

import sys

from sammen.intake import handlers
from sammen.intake.app import MIGRATIONS
from sammen.runtime import Processes, main

PROCESSES = Processes("intake", MIGRATIONS, handlers)

if __name__ == "__main__":
    sys.exit(main(PROCESSES))

"""`python -m sammen.intake web | worker | migrate`."""

import sys

from sammen.intake import handlers
from sammen.intake.app import MIGRATIONS
from sammen.runtime import main

if __name__ == "__main__":
    sys.exit(main("intake", MIGRATIONS, handlers))

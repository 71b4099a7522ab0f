"""`python -m sammen.formats.idea_board web | worker | migrate`."""

import sys

from sammen.formats.idea_board import handlers
from sammen.formats.idea_board.app import MIGRATIONS
from sammen.formats.idea_board.jobs import jobs, withdraw
from sammen.formats.idea_board.service import SERVICE
from sammen.runtime import Processes, main

PROCESSES = Processes(SERVICE, MIGRATIONS, handlers, jobs=jobs, stopped=withdraw)

if __name__ == "__main__":
    sys.exit(main(PROCESSES))

"""`python -m sammen.routing web | worker | migrate`."""

import sys

from sammen.routing import handlers
from sammen.routing.accounts import prepare_accounts
from sammen.routing.app import MIGRATIONS
from sammen.routing.jobs import jobs
from sammen.runtime import Processes, main

PROCESSES = Processes("routing", MIGRATIONS, handlers, jobs=jobs, prepare=prepare_accounts)

if __name__ == "__main__":
    sys.exit(main(PROCESSES))

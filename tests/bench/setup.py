"""Fresh databases (SQLite files or PostgreSQL) and a fresh broker vhost for one figure, and
service environments."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sammen.testing import broker_vhost, postgres_database, service_environment

API_KEY = "bench-key"
AUTH_HEADER = f"Authorization: Bearer {API_KEY}"
# One idea as gentofte.dk would post it; {n} makes each initiator (and so each receipt) unique.
IDEA_BODY = (
    '{"title": "Bytte-reol på biblioteket", '
    '"description": "En reol hvor naboer bytter bøger, spil og frø.", '
    '"theme": "kultur-og-fritid", "channel": "gentofte.dk", '
    '"initiator": {"name": "Anna Jensen", "email": "bench-{n}@example.dk"}, '
    '"consent": {"contact": true, "publish": false}}'
)


@dataclass(frozen=True)
class Stage:
    amqp_url: str
    databases: dict[str, str]
    var_dir: Path

    def env(self, service: str, **extra: str) -> dict[str, str]:
        """A service process's environment (fast retries, no rate limits, as in the tests)."""
        env = service_environment(
            service, self.databases[service], self.amqp_url, str(self.var_dir), **extra
        )
        env["INTAKE_API_KEYS"] = f"bench:{API_KEY}"
        return env

    def platform_env(self, **extra: str) -> dict[str, str]:
        """One environment for every service at once (each reads its own *_DATABASE_URL)."""
        env: dict[str, str] = {}
        for service in self.databases:
            env.update(self.env(service))
        env.update(extra)
        return env


DATABASES = ("sqlite", "postgres")


@contextlib.contextmanager
def stage(var_dir: Path, *services: str, database: str = "postgres") -> Iterator[Stage]:
    """A fresh vhost and one fresh database per service, dropped afterwards: a PostgreSQL
    database, or a SQLite file under `var_dir` as `make run` has by default."""
    with contextlib.ExitStack() as stack:
        amqp_url = stack.enter_context(broker_vhost())
        if database == "sqlite":
            shutil.rmtree(var_dir, ignore_errors=True)
            var_dir.mkdir(parents=True)
            databases = {name: f"sqlite:///{var_dir / name}.sqlite3" for name in services}
        else:
            databases = {name: stack.enter_context(postgres_database()) for name in services}
        yield Stage(amqp_url, databases, var_dir)

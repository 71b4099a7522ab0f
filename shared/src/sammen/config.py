"""Settings from the environment, each with a development default (docs/architecture.md, "Settings")."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

# The outside contract's ports; a worker serves its metrics on the service port + 100.
SERVICE_PORTS: dict[str, int] = {
    "intake": 8001,
    "routing": 8002,
    "notify": 8003,
    "calendar": 8004,
    "dialogue": 8005,
    "idea_board": 8011,
    "hearing": 8012,
    "theme_discussion": 8014,
    "realisation": 8013,
}
WORKER_METRICS_PORT_OFFSET = 100
# gunicorn processes per service. Requests mostly wait on the database, so one process with
# threads serves each service: on SQLite (make run's default) writes take turns anyway, and a
# second process would wait for them in SQLite's busy handler, which lets late comers overtake
# (long tails), instead of on the process's own lock. Each process costs some 60 MB. With
# PostgreSQL a busy service gains a core from a second one (`<SERVICE>_WEB_CONCURRENCY=2`).
WEB_WORKERS = 1
WEB_THREADS = 8
# Intake's requests mostly wait for the group commit that holds their idea: a thread per client
# connection lets more ideas share one commit (at 16 connections, about a tenth more ideas a
# second than with 8 threads, on both databases).
SERVICE_WEB_THREADS = {"intake": 16}

ENVIRONMENTS = ("development", "test", "production")
DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-use-in-production"  # noqa: S105
DEFAULT_AMQP_URL = "amqp://guest:guest@localhost:5672/%2F"


def web_workers(service: str, environ: Mapping[str, str] = os.environ) -> int:
    """gunicorn workers of `service`: `<SERVICE>_WEB_CONCURRENCY`, else `WEB_CONCURRENCY`, else one."""
    return _per_service(environ, service, "WEB_CONCURRENCY", WEB_WORKERS)


def web_threads(service: str, environ: Mapping[str, str] = os.environ) -> int:
    """Threads per gunicorn worker of `service`: `<SERVICE>_WEB_THREADS`, else `WEB_THREADS`, else
    the service's own default."""
    default = SERVICE_WEB_THREADS.get(service, WEB_THREADS)
    return _per_service(environ, service, "WEB_THREADS", default)


def worker_in_web(environ: Mapping[str, str] = os.environ) -> bool:
    """`SAMMEN_WORKER_IN_WEB`: does each service's worker (relay, consumers, jobs) run inside its
    web process instead of a process of its own? Development's default: every interpreter costs
    some 50 MiB, and one per service instead of two (three with gunicorn's worker) is what keeps
    `make run` small. Production and the tests' own processes keep them apart (a busy web does not
    slow the consumers, and each scales and restarts alone)."""
    value = environ.get("SAMMEN_WORKER_IN_WEB", "").strip()
    if value:
        return value == "1"
    return environ.get("SAMMEN_ENV", "development") == "development"


def _per_service(environ: Mapping[str, str], service: str, name: str, default: int) -> int:
    value = environ.get(f"{service.upper()}_{name}") or environ.get(name)
    return max(1, int(value)) if value else default


class UnsafeProductionSettings(RuntimeError):
    """Production must not start with a development secret, key or account."""


@dataclass(frozen=True)
class Settings:
    service: str
    env: str
    amqp_url: str
    database_url: str
    secret_key: str
    var_dir: Path
    base_urls: Mapping[str, str]
    retry_delays_ms: tuple[int, ...]
    prefetch: int
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def port(self) -> int:
        return SERVICE_PORTS[self.service]

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def cookies_secure(self) -> bool:
        """Secure cookies in production; plain-http development and tests may turn them off."""
        return self.get("SAMMEN_COOKIE_SECURE", "1" if self.is_production else "0") == "1"

    def base_url(self, service: str) -> str:
        return self.base_urls[service]

    def get(self, name: str, default: str = "") -> str:
        """A service-specific setting, read from the same environment."""
        return self.extra.get(name, default)


def _env_name(service: str) -> str:
    return service.upper().replace("-", "_")


def load_settings(service: str, environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    mode = env.get("SAMMEN_ENV", "development")
    if mode not in ENVIRONMENTS:
        raise ValueError(f"SAMMEN_ENV must be one of {', '.join(ENVIRONMENTS)}, not {mode!r}")
    var_dir = Path(env.get("SAMMEN_VAR_DIR", "var")).resolve()
    database_url = (
        env.get(f"{_env_name(service)}_DATABASE_URL")
        or env.get("DATABASE_URL")
        or f"sqlite:///{var_dir / (service + '.sqlite3')}"
    )
    base_urls = {
        name: env.get(f"SAMMEN_BASE_URL_{_env_name(name)}", f"http://localhost:{port}").rstrip("/")
        for name, port in SERVICE_PORTS.items()
    }
    delays = env.get("SAMMEN_RETRY_DELAYS_MS", "1000,5000,30000,120000")
    settings = Settings(
        service=service,
        env=mode,
        amqp_url=env.get("AMQP_URL", DEFAULT_AMQP_URL),
        database_url=database_url,
        secret_key=env.get("SAMMEN_SECRET_KEY", DEVELOPMENT_SECRET_KEY),
        var_dir=var_dir,
        base_urls=base_urls,
        retry_delays_ms=tuple(int(d) for d in delays.split(",") if d.strip()),
        prefetch=int(env.get("SAMMEN_PREFETCH", "20")),
        extra=dict(env),
    )
    refuse_unsafe_production(settings)
    return settings


def refuse_unsafe_production(settings: Settings) -> None:
    if not settings.is_production:
        return
    if settings.secret_key == DEVELOPMENT_SECRET_KEY or len(settings.secret_key) < 32:
        raise UnsafeProductionSettings(
            "SAMMEN_SECRET_KEY must be set to a random value of at least 32 characters in production"
        )
    issuer = settings.get("SAMMEN_OIDC_ISSUER").strip()
    if issuer and not issuer.startswith("https://"):
        # The provider's answers vouch for who a staff member is: only over TLS.
        raise UnsafeProductionSettings(
            "SAMMEN_OIDC_ISSUER must be an https:// address in production"
        )

"""Boot a service process: its settings, its database, and (outside production) its migrations."""

from __future__ import annotations

from pathlib import Path

from sammen.config import Settings, load_settings
from sammen.db import Database, migrate


def boot(service: str, migrations_dir: Path) -> tuple[Settings, Database]:
    settings = load_settings(service)
    database = Database(settings.database_url)
    # Production migrates as a release step (`python -m sammen.<service> migrate`), never on start.
    if not settings.is_production:
        migrate(database, migrations_dir)
    return settings, database

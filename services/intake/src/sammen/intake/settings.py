"""Intake's own settings (environment variables with development defaults)."""

from __future__ import annotations

from sammen.config import Settings, UnsafeProductionSettings

DEVELOPMENT_API_KEYS = "gentofte-dk:dev-intake-key"


def parse_api_keys(text: str) -> dict[str, str]:
    """`name:key,name:key` → {name: key}."""
    clients = {}
    for pair in text.split(","):
        name, _, key = pair.strip().partition(":")
        if name and key:
            clients[name] = key
    return clients


def api_clients(settings: Settings) -> dict[str, str]:
    """INTAKE_API_KEYS: the server-to-server clients and their keys; production must set its own."""
    api_keys = settings.get("INTAKE_API_KEYS", DEVELOPMENT_API_KEYS)
    if settings.is_production and api_keys == DEVELOPMENT_API_KEYS:
        raise UnsafeProductionSettings("INTAKE_API_KEYS must be set in production")
    return parse_api_keys(api_keys)

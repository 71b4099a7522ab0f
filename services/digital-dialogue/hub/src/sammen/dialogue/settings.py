"""The hub's own settings (environment variables with development defaults)."""

from __future__ import annotations

from sammen.config import Settings
from sammen.pilot_formats.announcer import DEFAULT_TTL_SECONDS, TTL_SETTING


def default_ttl(settings: Settings) -> float:
    """DIALOGUE_FORMAT_TTL_SECONDS: how long a format that announced no TTL stays listed."""
    return float(settings.get(TTL_SETTING, str(DEFAULT_TTL_SECONDS)))

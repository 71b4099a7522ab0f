"""Routing's own settings (environment variables with development defaults)."""

from __future__ import annotations

from sammen.config import Settings


def first_response_days(settings: Settings) -> int:
    """ROUTING_FIRST_RESPONSE_DAYS: Danish working days to the first answer (default 5)."""
    return int(settings.get("ROUTING_FIRST_RESPONSE_DAYS", "5"))


def sla_check_seconds(settings: Settings) -> float:
    """ROUTING_SLA_CHECK_SECONDS: how often the worker checks the deadlines (default 60)."""
    return float(settings.get("ROUTING_SLA_CHECK_SECONDS", "60"))


def login_rate_limit(settings: Settings) -> str:
    """ROUTING_LOGIN_RATE_LIMIT: login attempts allowed per address (default 10/minute;50/hour)."""
    return settings.get("ROUTING_LOGIN_RATE_LIMIT", "10/minute;50/hour")


def login_account_rate_limit(settings: Settings) -> str:
    """ROUTING_LOGIN_ACCOUNT_RATE_LIMIT: failed logins allowed per account, from all addresses
    together (default 20/hour)."""
    return settings.get("ROUTING_LOGIN_ACCOUNT_RATE_LIMIT", "20/hour")


def retention_days(settings: Settings) -> int:
    """ROUTING_RETENTION_DAYS: days after closing before the initiator's contact is erased
    (default 730)."""
    return int(settings.get("ROUTING_RETENTION_DAYS", "730"))

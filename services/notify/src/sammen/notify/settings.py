"""Notify's own settings, read from the environment with development defaults."""

from __future__ import annotations

from dataclasses import dataclass
from email.headerregistry import Address
from email.utils import parseaddr
from pathlib import Path

from sammen.config import Settings

DEFAULT_FROM = "Gentofte Kommune <sammen@gentofte.dk>"


@dataclass(frozen=True)
class NotifyConfig:
    smtp_host: str
    smtp_port: int
    smtp_starttls: bool
    smtp_username: str
    smtp_password: str
    smtp_timeout: float
    mail_from: str
    max_attempts: int
    retry_base_seconds: float
    send_interval_seconds: float
    batch_size: int
    stale_sending_seconds: float
    rate_limit_per_hour: int
    digest_hour: int
    body_retention_days: int
    mail_dir: Path

    @property
    def from_address(self) -> Address:
        name, address = parseaddr(self.mail_from)
        user, _, domain = address.partition("@")
        return Address(display_name=name, username=user, domain=domain)

    @property
    def message_id_domain(self) -> str:
        return self.from_address.domain or "sammen.local"

    def message_id_header(self, message_id: str) -> str:
        """The mail's Message-ID, derived from the message's id (so a resend keeps it)."""
        return f"<{message_id}@{self.message_id_domain}>"


def _flag(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "on")


def notify_config(settings: Settings) -> NotifyConfig:
    get = settings.get
    return NotifyConfig(
        smtp_host=get("SMTP_HOST", "localhost"),
        smtp_port=int(get("SMTP_PORT", "1025")),
        smtp_starttls=_flag(get("SMTP_STARTTLS", "0")),
        smtp_username=get("SMTP_USERNAME", ""),
        smtp_password=get("SMTP_PASSWORD", ""),
        smtp_timeout=float(get("SMTP_TIMEOUT_SECONDS", "10")),
        mail_from=get("SMTP_FROM", DEFAULT_FROM),
        max_attempts=int(get("NOTIFY_MAX_ATTEMPTS", "6")),
        retry_base_seconds=float(get("NOTIFY_RETRY_BASE_SECONDS", "30")),
        send_interval_seconds=float(get("NOTIFY_SEND_INTERVAL_SECONDS", "0.25")),
        batch_size=int(get("NOTIFY_SEND_BATCH", "50")),
        stale_sending_seconds=float(get("NOTIFY_STALE_SENDING_SECONDS", "600")),
        rate_limit_per_hour=int(get("NOTIFY_RATE_LIMIT_PER_HOUR", "20")),
        digest_hour=int(get("NOTIFY_DIGEST_HOUR", "7")),
        body_retention_days=int(get("NOTIFY_BODY_RETENTION_DAYS", "30")),
        mail_dir=Path(get("MAILSINK_DIR", str(settings.var_dir / "mail"))),
    )

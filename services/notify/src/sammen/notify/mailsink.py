"""The development mail sink: `python -m sammen.notify.mailsink`.

An SMTP server (aiosmtpd) on MAILSINK_HOST:MAILSINK_PORT (127.0.0.1:1025) that delivers nowhere:
it keeps every mail as an .eml file under var/mail/, which the notify web app lists at /dev/mail.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

from sammen.config import load_settings
from sammen.logs import configure_logging
from sammen.notify.settings import notify_config

log = logging.getLogger(__name__)
MAIL_NAME = re.compile(r"^[0-9TZ]+-[0-9a-f]{8}\.eml$")


class MailSink:
    """An aiosmtpd handler that writes each accepted mail to `folder` as one .eml file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        self.store(envelope.original_content or envelope.content)
        return "250 2.0.0 Message accepted for delivery"

    def store(self, content: bytes) -> Path:
        name = f"{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{uuid.uuid4().hex[:8]}.eml"
        temporary = self.folder / f".{name}.tmp"
        temporary.write_bytes(content)
        # A rename is atomic: the page never reads half a mail.
        target = self.folder / name
        os.replace(temporary, target)
        return target


@dataclass(frozen=True)
class KeptMail:
    name: str
    date: str
    sender: str
    to: str
    subject: str


def parse(raw: bytes) -> EmailMessage:
    return message_from_bytes(raw, policy=policy.default)


def list_mails(folder: Path, limit: int = 200) -> list[KeptMail]:
    """The newest kept mails first."""
    if not folder.is_dir():
        return []
    names = sorted((p.name for p in folder.iterdir() if MAIL_NAME.match(p.name)), reverse=True)
    mails = []
    for name in names[:limit]:
        mail = parse((folder / name).read_bytes())
        mails.append(
            KeptMail(
                name=name,
                date=str(mail.get("Date", "")),
                sender=str(mail.get("From", "")),
                to=str(mail.get("To", "")),
                subject=str(mail.get("Subject", "")),
            )
        )
    return mails


def read_mail(folder: Path, name: str) -> EmailMessage | None:
    """One kept mail by its file name; None for a name that is not one of ours."""
    if not MAIL_NAME.match(name) or not (folder / name).is_file():
        return None
    return parse((folder / name).read_bytes())


def drop_mails(folder: Path, addresses: set[str], message_ids: set[str]) -> int:
    """Delete every kept mail to one of `addresses` (lower case) or with one of `message_ids`
    (Message-ID headers): what an erasure leaves of a person in the sink."""
    if not (addresses or message_ids) or not folder.is_dir():
        return 0
    dropped = 0
    for path in folder.iterdir():
        if not MAIL_NAME.match(path.name):
            continue
        mail = parse(path.read_bytes())
        if recipients(mail) & addresses or str(mail.get("Message-ID", "")) in message_ids:
            path.unlink(missing_ok=True)
            dropped += 1
    return dropped


def recipients(mail: EmailMessage) -> set[str]:
    headers = [str(value) for name in ("To", "Cc", "Bcc") for value in mail.get_all(name, [])]
    return {address.lower() for _name, address in getaddresses(headers) if address}


def body_of(mail: EmailMessage, subtype: str) -> str | None:
    part = mail.get_body(preferencelist=(subtype,))
    return part.get_content() if part is not None else None


def main() -> None:
    configure_logging("notify-mailsink")
    # aiosmtpd logs every SMTP command, addresses included: its warnings are enough.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    settings = load_settings("notify")
    host = settings.get("MAILSINK_HOST", "127.0.0.1")
    port = int(settings.get("MAILSINK_PORT", "1025"))
    folder = notify_config(settings).mail_dir
    controller = Controller(MailSink(folder), hostname=host, port=port, enable_SMTPUTF8=True)
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    controller.start()
    log.info("mail sink listening on %s:%d, keeping mail in %s", host, port, folder)
    stopping.wait()
    controller.stop()


if __name__ == "__main__":
    main()

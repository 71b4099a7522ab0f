"""The sender job: mail due messages over SMTP, outside any consumer transaction.

A batch of messages is claimed (`sending`, attempts + 1) and committed before the SMTP
conversation, and the batch's outcomes are committed together after it, with `notification.sent` /
`notification.failed` in the outbox. Each mail's Message-ID is derived from the message id, so if
the process dies between the server's acceptance and the commit, the stale `sending` row is tried
again with the same Message-ID and the duplicate is recognisable (at least once, never silently
lost).
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sammen.bus import emit
from sammen.config import Settings
from sammen.contracts import NotificationFailed, NotificationSent
from sammen.db import Database
from sammen.logs import redact
from sammen.notify import metrics
from sammen.notify.domain import PENDING, retry_delay, status_after_temporary_failure
from sammen.notify.models import Message
from sammen.notify.service import SERVICE, unsubscribe_url
from sammen.notify.settings import NotifyConfig

log = logging.getLogger(__name__)
RATE_WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class Outcome:
    kind: str  # "delivered", "temporary", "permanent", "technical"
    reason: str | None = None
    server_unreachable: bool = False  # the rest of the batch need not try either


def list_unsubscribe_url(message: Message, settings: Settings) -> str | None:
    """Where a non-essential mail unsubscribes: the requester's list, else notify's own page."""
    if message.essential:
        return None
    if message.unsubscribe_url:
        return message.unsubscribe_url
    return unsubscribe_url(settings, message.preference_id) if message.preference_id else None


def build_email(message: Message, settings: Settings, config: NotifyConfig) -> EmailMessage:
    mail = EmailMessage(policy=SMTP)
    mail["From"] = config.from_address
    user, _, domain = (message.recipient or "").partition("@")
    mail["To"] = Address(display_name=message.recipient_name or "", username=user, domain=domain)
    mail["Subject"] = message.subject or ""
    mail["Date"] = format_datetime(datetime.now(UTC))
    mail["Message-ID"] = config.message_id_header(message.id)
    mail["Auto-Submitted"] = "auto-generated"
    mail["X-Sammen-Template"] = f"{message.template}.v{message.template_version}"
    list_unsubscribe = list_unsubscribe_url(message, settings)
    if list_unsubscribe:
        # RFC 8058: the mail client may unsubscribe with one POST, without opening a page.
        mail["List-Unsubscribe"] = f"<{list_unsubscribe}>"
        mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    # Quoted-printable passes any relay, even one without 8BITMIME.
    mail.set_content(
        message.body_text or "", subtype="plain", charset="utf-8", cte="quoted-printable"
    )
    if message.body_html:
        mail.add_alternative(
            message.body_html, subtype="html", charset="utf-8", cte="quoted-printable"
        )
    return mail


def classify(error: BaseException | None) -> Outcome:
    """What an SMTP attempt's result means for the message (reasons carry no addresses)."""
    if error is None:
        return Outcome("delivered")
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        code = max(codes) if codes else 550
        kind = "permanent" if code >= 500 else "temporary"
        return Outcome(kind, f"recipient refused: {code}")
    if isinstance(error, smtplib.SMTPResponseException):
        text = (
            error.smtp_error.decode(errors="replace")
            if isinstance(error.smtp_error, bytes)
            else str(error.smtp_error)
        )
        reason = redact(f"{type(error).__name__}: {error.smtp_code} {text}")[:250]
        if error.smtp_code < 500:
            return Outcome("temporary", reason)
        # A rejected message is about this mail; a rejected sender or login is our configuration.
        kind = "permanent" if isinstance(error, smtplib.SMTPDataError) else "technical"
        return Outcome(kind, reason)
    return Outcome(
        "temporary",
        f"{type(error).__name__}: mail server unreachable or interrupted",
        server_unreachable=True,
    )


class SmtpConnection:
    """One SMTP session reused for a batch; reopened after any failure."""

    def __init__(self, config: NotifyConfig) -> None:
        self.config = config
        self._smtp: smtplib.SMTP | None = None

    def send(self, mail: EmailMessage) -> BaseException | None:
        try:
            if self._smtp is None:
                self._smtp = self._open()
            self._smtp.send_message(mail)
            return None
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as error:
            self._reset()  # the session stays usable, but RSET keeps the next mail clean
            return error
        except (smtplib.SMTPException, OSError) as error:
            self.close()
            return error

    def _open(self) -> smtplib.SMTP:
        smtp = smtplib.SMTP(
            self.config.smtp_host, self.config.smtp_port, timeout=self.config.smtp_timeout
        )
        if self.config.smtp_starttls:
            smtp.starttls()
        if self.config.smtp_username:
            smtp.login(self.config.smtp_username, self.config.smtp_password)
        return smtp

    def _reset(self) -> None:
        try:
            if self._smtp is not None:
                self._smtp.rset()
        except (smtplib.SMTPException, OSError):
            self.close()

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None


def _sent_in_window(session: Session, keys: set[str], now: datetime) -> dict[str, list[datetime]]:
    """When each of `keys` was mailed within the rate window, oldest first (one query)."""
    if not keys:
        return {}
    query = (
        select(Message.recipient_key, Message.sent_at)
        .where(Message.recipient_key.in_(keys), Message.sent_at >= now - RATE_WINDOW)
        .order_by(Message.sent_at)
    )
    sent: dict[str, list[datetime]] = {key: [] for key in keys}
    for key, moment in session.execute(query):
        if moment is not None:
            sent[key].append(moment)
    return sent


def _recover_stale(session: Session, config: NotifyConfig, now: datetime) -> None:
    """`sending` for too long means the process died mid-send: try again (same Message-ID)."""
    cutoff = now - timedelta(seconds=config.stale_sending_seconds)
    stale = session.scalars(
        select(Message).where(Message.status == "sending", Message.status_changed_at < cutoff)
    )
    for message in list(stale):
        message.status_changed_at = now
        if status_after_temporary_failure(message.attempts, config.max_attempts) != (
            "temporary-failure"
        ):
            _give_up(session, message, "interrupted while sending; no attempts left", now)
            continue
        message.status = "temporary-failure"
        message.failure_reason = "interrupted while sending; resent with the same Message-ID"
        message.next_attempt_at = now


def claim_due(
    database: Database, settings: Settings, config: NotifyConfig, now: datetime
) -> list[tuple[str, EmailMessage]]:
    """Mark due messages `sending` (committed) and build their mails; holds rate-limited ones."""
    # No autoflush: the batch's changes go to the database together at the commit, not one
    # message at a time before each query (a round trip each, on PostgreSQL).
    with database.transaction() as session, session.no_autoflush:
        _recover_stale(session, config, now)
        session.flush()  # recovered messages are due in this very claim
        query = (
            select(Message)
            .where(Message.status.in_(PENDING), Message.next_attempt_at <= now)
            .order_by(Message.next_attempt_at)
            .limit(config.batch_size)
        )
        if database.is_postgres:
            query = query.with_for_update(skip_locked=True)
        claimed: list[tuple[str, EmailMessage]] = []
        due = list(session.scalars(query))
        window = _sent_in_window(session, {message.recipient_key for message in due}, now)
        for message in due:
            sent = window[message.recipient_key]
            if len(sent) >= config.rate_limit_per_hour and message.template != "digest":
                _hold_for_rate_limit(message, sent, now)
                continue
            message.attempts += 1
            message.status_changed_at = now
            try:
                mail = build_email(message, settings, config)
            except (ValueError, TypeError, MessageError):
                # An address no mail can carry: it will never work, and must not block the rest.
                _give_up(session, message, "the address cannot be put in a mail", now)
                continue
            sent.append(now)
            message.status = "sending"
            claimed.append((message.id, mail))
    return claimed


def _give_up(session: Session, message: Message, reason: str, now: datetime) -> None:
    message.status, message.failure_reason, message.next_attempt_at = (
        "technical-failure",
        reason,
        None,
    )
    _publish(session, message, now)
    metrics.notifications.labels(message.template, message.status).inc()


def _hold_for_rate_limit(message: Message, sent: list[datetime], now: datetime) -> None:
    """Too many mails to one person this hour: non-essential ones wait for the digest."""
    if message.essential:
        message.next_attempt_at = sent[0] + RATE_WINDOW
        return
    message.status = "held"
    message.next_attempt_at = None
    message.status_changed_at = now
    metrics.notifications.labels(message.template, "held").inc()


def record_outcomes(
    database: Database, config: NotifyConfig, outcomes: list[tuple[str, Outcome, datetime]]
) -> list[str]:
    """Each message's outcome (id, outcome, when), all in one commit; returns their statuses."""
    with database.transaction() as session, session.no_autoflush:
        ids = [message_id for message_id, _outcome, _now in outcomes]
        messages = {m.id: m for m in session.scalars(select(Message).where(Message.id.in_(ids)))}
        done = []
        for message_id, outcome, now in outcomes:
            message = messages[message_id]
            _apply(session, config, message, outcome, now)
            done.append(
                (message.status, message.template, message.event_time, message.event_id, now)
            )
    for status, template, event_time, event_id, now in done:
        metrics.notifications.labels(template, status).inc()
        if status == "delivered":
            metrics.delivery_seconds.observe(max((now - event_time).total_seconds(), 0.0))
        log.info(
            "message from template %s is %s",
            template,
            status,
            extra={"status": status, "event_id": event_id},
        )
    return [status for status, *_rest in done]


def _apply(
    session: Session, config: NotifyConfig, message: Message, outcome: Outcome, now: datetime
) -> None:
    if outcome.kind == "delivered":
        message.status, message.sent_at, message.failure_reason = "delivered", now, None
    elif outcome.kind == "temporary":
        message.status = status_after_temporary_failure(message.attempts, config.max_attempts)
        message.failure_reason = outcome.reason
        if message.status == "temporary-failure":
            message.next_attempt_at = now + retry_delay(message.attempts, config.retry_base_seconds)
    else:
        message.status = f"{outcome.kind}-failure"
        message.failure_reason = outcome.reason
    if message.status != "temporary-failure":
        message.next_attempt_at = None
    message.status_changed_at = now
    if message.status != "temporary-failure":
        _publish(session, message, now)


def _publish(session: Session, message: Message, now: datetime) -> None:
    outcome = NotificationSent if message.status == "delivered" else NotificationFailed
    told = outcome(
        notification_id=message.id,
        template=message.template,
        reference=message.event_id,
        status=message.status,
    )
    emit(session, told.to_event(SERVICE, now))


def send_due(
    database: Database, settings: Settings, config: NotifyConfig, now: datetime | None = None
) -> int:
    """One round of the sender job; returns how many messages it tried."""
    claimed = claim_due(database, settings, config, now or datetime.now(UTC))
    if not claimed:
        return 0
    connection = SmtpConnection(config)
    unreachable: Outcome | None = None
    outcomes: list[tuple[str, Outcome, datetime]] = []
    try:
        for message_id, mail in claimed:
            # Once the server is unreachable, the rest of the batch waits for its retry at once
            # instead of each waiting out its own timeout.
            outcome = unreachable or classify(connection.send(mail))
            if outcome.server_unreachable:
                unreachable = outcome
            outcomes.append((message_id, outcome, datetime.now(UTC)))
    finally:
        try:
            # The batch's outcomes in one commit; a mail sent but not recorded (the process
            # died) stays `sending` and is resent with the same Message-ID.
            if outcomes:
                record_outcomes(database, config, outcomes)
        finally:
            connection.close()
    return len(claimed)


def send_all_due(database: Database, settings: Settings, config: NotifyConfig) -> None:
    """The sender job: rounds until one finds less than a full batch (a backlog drains at once)."""
    while send_due(database, settings, config) >= config.batch_size:
        pass

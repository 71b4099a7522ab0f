"""The worker's periodic jobs: send due mail, the daily digest, and deleting old message bodies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from sammen.bus.worker import Job
from sammen.config import Settings
from sammen.db import Database
from sammen.db.results import changed_rows
from sammen.notify import metrics, wakeup
from sammen.notify.domain import FINAL, Recipient, digest_date
from sammen.notify.mail import TEMPLATES, link_context, render
from sammen.notify.models import Message
from sammen.notify.sender import send_all_due
from sammen.notify.service import already_created, message_words, new_message, unsubscribe_url
from sammen.notify.settings import NotifyConfig

FOOTER_MARK = "\n-- \n"


def _digest_item(message: Message) -> dict[str, Any]:
    text = (message.body_text or "").split(FOOTER_MARK, 1)[0].strip()
    return {"subject": message.subject or "", "text": text}


def send_digests(
    database: Database, settings: Settings, config: NotifyConfig, now: datetime | None = None
) -> int:
    """Once a day, per recipient: one mail with every held message. Returns digests created."""
    now = now or datetime.now(UTC)
    day = digest_date(now, config.digest_hour)
    if day is None:
        return 0
    template = TEMPLATES["digest"]
    event_id = f"digest:{day.isoformat()}"
    created = 0
    with database.transaction() as session:
        keys = session.scalars(
            select(Message.recipient_key).where(Message.status == "held").distinct()
        )
        for key in list(keys):
            if already_created(session, event_id, key, template.name):
                continue  # today's digest went out; later messages wait for tomorrow's
            held = list(
                session.scalars(
                    select(Message)
                    .where(Message.recipient_key == key, Message.status == "held")
                    .order_by(Message.created_at)
                )
            )
            latest = held[-1]
            if latest.recipient is None:
                continue
            context = {
                **link_context(settings.base_urls, {}),
                "recipient_name": latest.recipient_name,
                "day": day,
                "items": [_digest_item(message) for message in held],
            }
            if latest.preference_id:
                context["unsubscribe_url"] = unsubscribe_url(settings, latest.preference_id)
            rendered = render(template.name, template.version, context)
            recipient = Recipient(latest.recipient, latest.recipient_name, latest.recipient_kind)
            digest = new_message(
                event_id,
                (template.name, template.version, False),
                recipient,
                key,
                latest.preference_id,
                "created",
                now,
                event_type="digest",
                event_time=now,
                **message_words(rendered),
            )
            session.add(digest)
            for message in held:
                message.status, message.digest_id, message.status_changed_at = (
                    "digested",
                    digest.id,
                    now,
                )
                metrics.notifications.labels(message.template, "digested").inc()
            metrics.notifications.labels(template.name, "created").inc()
            created += 1
    return created


def delete_old_bodies(database: Database, config: NotifyConfig, now: datetime | None = None) -> int:
    """Final messages older than the retention period keep their status, not their text or address."""
    now = now or datetime.now(UTC)
    cutoff = now - timedelta(days=config.body_retention_days)
    with database.transaction() as session:
        result = session.execute(
            update(Message)
            .where(
                Message.created_at < cutoff,
                Message.status.in_(FINAL),
                Message.bodies_deleted_at.is_(None),
            )
            .values(
                subject=None,
                body_text=None,
                body_html=None,
                recipient=None,
                recipient_name=None,
                bodies_deleted_at=now,
            )
        )
        return changed_rows(result)


def build_jobs(database: Database, settings: Settings, config: NotifyConfig) -> list[Job]:
    return [
        Job(
            "send-mail",
            config.send_interval_seconds,
            lambda: send_all_due(database, settings, config),
            # A new mail goes at once; the interval still picks up retries that fall due.
            wake=wakeup.mail_queued,
        ),
        Job("daily-digest", 300, lambda: send_digests(database, settings, config)),
        Job("body-retention", 3600, lambda: delete_old_bodies(database, config)),
    ]

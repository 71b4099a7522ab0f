"""The hub's use cases, each one unit of work: registry updates, reports, moderation decisions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sammen import privacy
from sammen.auth import StaffIdentity
from sammen.bus import emit
from sammen.bus.outbox import processed_table
from sammen.config import Settings
from sammen.contracts import (
    AccessRequested,
    ContributionModerated,
    ContributionReported,
    ErasureRequested,
    FormatAnnounced,
    FormatWithdrawn,
    PersonRequest,
)
from sammen.dialogue import domain
from sammen.dialogue.models import Contribution, Decision, Format, Report

SERVICE = "dialogue"
FORMATS_QUEUE = "dialogue.formats"
MODERATION_QUEUE = "dialogue.moderation"
# Heartbeats are harmless to see twice; their idempotency records need not outlive an hour.
KEEP_HEARTBEAT_RECORDS = timedelta(hours=1)


# --- the registry -------------------------------------------------------------------------------


def record_announcement(session: Session, event: FormatAnnounced, default_ttl: float) -> None:
    slug = str(event.slug or event.envelope.subject or "")[:60]
    if not slug or not event.url:
        raise ValueError("dialogue.format_announced needs slug and url")
    at = event.envelope.time
    entry = session.get(Format, slug)
    if entry is not None and not domain.accepts_announcement(
        entry.last_seen, entry.withdrawn_at, at
    ):
        return
    if entry is None:
        entry = Format(slug=slug)
        session.add(entry)
    entry.name = str(event.name or slug)[:120]
    entry.description = str(event.description or "")
    entry.url = str(event.url)[:500]
    entry.staff_url = str(event.staff_url)[:500] if event.staff_url else None
    entry.version = str(event.version or "")[:40]
    entry.ttl_seconds = domain.announced_ttl(event.ttl_seconds, default_ttl)
    entry.started_at = _parse_time(event.started_at)
    entry.last_seen = at
    entry.withdrawn_at = None


def record_withdrawal(session: Session, event: FormatWithdrawn) -> None:
    slug = str(event.slug or event.envelope.subject or "")
    at = event.envelope.time
    entry = session.get(Format, slug)
    if entry is not None and domain.accepts_withdrawal(entry.last_seen, at):
        entry.withdrawn_at = at


def _parse_time(value: object) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def live_formats(session: Session, now: datetime) -> list[Format]:
    entries = session.scalars(select(Format).order_by(Format.name))
    return [
        entry
        for entry in entries
        if domain.is_live(entry.last_seen, entry.ttl_seconds, entry.withdrawn_at, now)
    ]


def format_names(session: Session) -> dict[str, str]:
    """Every format ever heard from, live or not: the moderation queue names them."""
    return {entry.slug: entry.name for entry in session.scalars(select(Format))}


def prune_heartbeat_records(session: Session, now: datetime) -> None:
    session.execute(
        delete(processed_table).where(
            processed_table.c.queue == FORMATS_QUEUE,
            processed_table.c.processed_at < now - KEEP_HEARTBEAT_RECORDS,
        )
    )


# --- moderation ---------------------------------------------------------------------------------


def record_report(session: Session, event: ContributionReported) -> None:
    """`dialogue.contribution_reported`: into the queue, or onto the contribution already there."""
    reported = domain.ReportedData.from_event(event.to_data())
    at = event.envelope.time
    contribution = session.scalar(
        select(Contribution).where(
            Contribution.format == reported.format,
            Contribution.contribution_id == reported.contribution_id,
        )
    )
    if contribution is None:
        contribution = Contribution(
            format=reported.format,
            contribution_id=reported.contribution_id,
            status=domain.OPEN,
            first_reported_at=at,
            last_reported_at=at,
        )
        session.add(contribution)
    else:
        contribution.status = domain.status_after_report(contribution.status)
        contribution.last_reported_at = max(contribution.last_reported_at, at)
    contribution.excerpt = reported.excerpt or contribution.excerpt or ""
    contribution.url = reported.url or contribution.url
    contribution.author_key = reported.author_key or contribution.author_key
    contribution.reports.append(Report(reason=reported.reason, reported_at=at))


def contributions(session: Session, status: str | None) -> list[Contribution]:
    query = select(Contribution).order_by(Contribution.last_reported_at.desc())
    if status:
        query = query.where(Contribution.status == status)
    return list(session.scalars(query))


def decide(
    session: Session,
    contribution: Contribution,
    action: str,
    reason: str,
    moderator: StaffIdentity,
    now: datetime | None = None,
) -> None:
    """Hide or restore; the format hears of it through `dialogue.contribution_moderated`."""
    now = now or datetime.now(UTC)
    contribution.status = domain.status_after_decision(contribution.status, action)
    contribution.decisions.append(
        Decision(
            action=action,
            reason=reason,
            moderator_id=moderator.id,
            moderator_name=moderator.name,
            decided_at=now,
        )
    )
    moderated = ContributionModerated(
        format=contribution.format,
        contribution_id=contribution.contribution_id,
        action=action,
        reason=reason,
        # The staff id, not the name: a format has no need to show who decided.
        moderator=moderator.id,
    )
    emit(session, moderated.to_event(SERVICE, now))


# --- privacy requests (GDPR art. 15 and 17) -----------------------------------------------------


def _contributions_of(
    session: Session, settings: Settings, request: PersonRequest
) -> list[Contribution]:
    """The contributions the request's e-mail address wrote, found by its key."""
    email = privacy.requested_email(request)
    if not email:
        return []
    key = privacy.person_key(settings.secret_key, email)
    query = select(Contribution).where(Contribution.author_key == key).order_by(Contribution.id)
    return list(session.scalars(query))


def erase_person(session: Session, event: ErasureRequested, settings: Settings) -> None:
    """`person.erasure_requested`: the writer's contributions leave the queue, reports and
    decisions with them (the format erases the contributions themselves)."""
    found = _contributions_of(session, settings, event)
    for contribution in found:
        session.delete(contribution)
    privacy.report(session, SERVICE, event.request_id, "erasure", {"contributions": len(found)})


def report_person(session: Session, event: AccessRequested, settings: Settings) -> None:
    """`person.access_requested`: the writer's contributions as the moderators saw them."""
    found = _contributions_of(session, settings, event)
    data = {
        "contributions": [
            {
                "format": c.format,
                "excerpt": c.excerpt,
                "url": c.url,
                "status": c.status,
                "first_reported_at": c.first_reported_at.isoformat(),
                "reports": [r.reason for r in c.reports],
            }
            for c in found
        ]
    }
    summary = {"contributions": len(found)}
    privacy.report(session, SERVICE, event.request_id, "access", summary, data=data)

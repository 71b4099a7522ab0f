"""Notify's use cases on events: remember initiators, create messages, honour erasure.

Handlers only write rows (status `created`, `held` or `suppressed`); the sender job mails them
later, outside the consumer's transaction (see `sender.py`).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import ColumnElement, delete, or_, select, true, update
from sqlalchemy.orm import Session

from sammen import privacy
from sammen.auth import StaffIdentity
from sammen.config import Settings
from sammen.contracts import (
    AccessRequested,
    CaseAssigned,
    Contract,
    ErasureRequested,
    IdeaSubmitted,
    NotificationRequested,
    PersonRequest,
)
from sammen.db.results import changed_rows
from sammen.notify import metrics, requested, wakeup
from sammen.notify.domain import Planned, Recipient, language_of, plan
from sammen.notify.mail import TEMPLATES, Rendered, link_context, render
from sammen.notify.mailsink import drop_mails
from sammen.notify.models import CaseAgent, Contact, Message, Preference
from sammen.notify.requested import parse_request
from sammen.notify.settings import notify_config

SERVICE = "notify"
# Who reads every message (admins too, as everywhere); an agent reads their own cases' messages.
MAIL_READERS = ("coordinator",)
_UNSUBSCRIBE_SALT = "notify-unsubscribe"
log = logging.getLogger(__name__)


def unsubscribe_token(secret_key: str, preference_id: str) -> str:
    return URLSafeSerializer(secret_key, salt=_UNSUBSCRIBE_SALT).dumps(preference_id)


def read_unsubscribe_token(secret_key: str, token: str) -> str | None:
    try:
        return str(URLSafeSerializer(secret_key, salt=_UNSUBSCRIBE_SALT).loads(token))
    except BadSignature:
        return None


def unsubscribe_url(settings: Settings, preference_id: str) -> str:
    return f"{settings.base_url('notify')}/afmeld/{unsubscribe_token(settings.secret_key, preference_id)}"


# --- events ------------------------------------------------------------------------------------


def handle_event(session: Session, event: Contract, settings: Settings) -> None:
    """Create the messages `event` causes; the consumer records the event id in this transaction."""
    if isinstance(event, IdeaSubmitted):
        remember_initiator(session, settings, event)
    if isinstance(event, CaseAssigned):
        remember_agent(session, event)
    # The templates read the event's data as it travels.
    data = event.to_data()
    initiator = find_initiator(session, data)
    for planned in plan(event.TYPE, data, initiator):
        create_message(session, settings, event, planned)


def remember_initiator(session: Session, settings: Settings, event: IdeaSubmitted) -> None:
    person = event.initiator
    if not person.email or not event.idea_id:
        return
    contact = session.get(Contact, event.idea_id) or Contact(idea_id=event.idea_id)
    contact.tracking_code = event.tracking_code
    contact.name = person.name
    contact.email = person.email.strip()
    contact.recipient_key = privacy.person_key(settings.secret_key, contact.email)
    contact.language = language_of(event.language)
    contact.reply_url = event.reply_url or None
    contact.created_at = event.envelope.time
    session.add(contact)
    session.flush()


def remember_agent(session: Session, event: CaseAssigned) -> None:
    """The case's agent now: the one agent who may read its mails (reassigned: the new one)."""
    code, agent, at = event.tracking_code, event.agent, event.envelope.time
    if not code or agent.id is None:
        return
    entry = session.get(CaseAgent, code) or CaseAgent(tracking_code=code)
    if entry.assigned_at is not None and entry.assigned_at > at:
        return  # an older assignment, delivered late
    entry.agent_id = int(agent.id)
    entry.assigned_at = at
    session.add(entry)


def readable_messages(staff: StaffIdentity) -> ColumnElement[bool]:
    """The messages `staff` may read: every one for coordinators and admins; for an agent those
    of the cases assigned to them (their texts name the people written to)."""
    if staff.has_any(MAIL_READERS):
        return true()
    assigned = select(CaseAgent.tracking_code).where(CaseAgent.agent_id == staff.id)
    return Message.tracking_code.in_(assigned)


def may_read_case_mails(session: Session, staff: StaffIdentity, tracking_code: str) -> bool:
    """Whether `staff` may read the mails of the case with `tracking_code` (as `readable_messages`)."""
    if staff.has_any(MAIL_READERS):
        return True
    entry = session.get(CaseAgent, tracking_code)
    return entry is not None and entry.agent_id == staff.id


def find_initiator(session: Session, data: dict[str, Any]) -> Recipient | None:
    """The stored initiator of the idea an event concerns (by idea id, else tracking code)."""
    contact = session.get(Contact, data["idea_id"]) if data.get("idea_id") else None
    if contact is None and data.get("tracking_code"):
        contact = session.scalar(
            select(Contact).where(Contact.tracking_code == data["tracking_code"])
        )
    if contact is None:
        return None
    return Recipient(
        email=contact.email,
        name=contact.name,
        kind="citizen",
        language=contact.language,
        reply_url=contact.reply_url,
    )


def preference_for(session: Session, key: str, now: datetime) -> Preference:
    preference = session.scalar(select(Preference).where(Preference.recipient_key == key))
    if preference is None:
        preference = Preference(
            id=str(uuid.uuid4()), recipient_key=key, digest=False, updated_at=now
        )
        session.add(preference)
        session.flush()
    return preference


def create_message(
    session: Session,
    settings: Settings,
    event: Contract,
    planned: Planned,
    now: datetime | None = None,
) -> Message | None:
    """One message per (event, recipient, template): a second call for the same three does nothing."""
    template = TEMPLATES[planned.template]

    def content(preference: Preference | None) -> dict[str, str | None]:
        data = event.to_data()
        context = {
            **data,
            **planned.context,
            **link_context(settings.base_urls, data),
            "recipient_name": planned.recipient.name,
            "reply_url": planned.recipient.reply_url,
        }
        if preference is not None:
            context["unsubscribe_url"] = unsubscribe_url(settings, preference.id)
        return message_words(
            render(template.name, template.version, context, planned.recipient.language)
        )

    return _create(
        session,
        settings,
        event,
        event.envelope.id,
        planned.recipient,
        (template.name, template.version, template.essential),
        content,
        now or datetime.now(UTC),
    )


def create_requested_message(
    session: Session, settings: Settings, event: NotificationRequested, now: datetime | None = None
) -> Message | None:
    """A mail a service worded itself; its `reference` makes it one message however often asked."""
    request = parse_request(event.to_data())  # InvalidRequest: the consumer retries, then parks
    content: dict[str, str | None] = {
        "subject": request.subject,
        "body_text": request.text,
        "body_html": request.html,
        "category": request.category,
        "unsubscribe_url": request.unsubscribe_url,
    }
    return _create(
        session,
        settings,
        event,
        request.reference,
        request.recipient,
        (requested.TEMPLATE, requested.TEMPLATE_VERSION, request.essential),
        lambda _preference: content,
        now or datetime.now(UTC),
    )


def message_words(rendered: Rendered) -> dict[str, str | None]:
    """A rendered mail as a message's columns."""
    return {"subject": rendered.subject, "body_text": rendered.text, "body_html": rendered.html}


def _create(
    session: Session,
    settings: Settings,
    event: Contract,
    reference: str,
    recipient: Recipient,
    template: tuple[str, int, bool],
    content: Callable[[Preference | None], dict[str, str | None]],
    now: datetime,
) -> Message | None:
    """The message of `event` from `template` to `recipient`, unless `reference` made it already:
    held or suppressed as the recipient chose, worded by `content` (which may link the choice)."""
    key = privacy.person_key(settings.secret_key, recipient.email)
    if already_created(session, reference, key, template[0]):
        return None
    status, preference = _delivery_status(session, key, template[2], recipient.kind, now)
    message = new_message(
        reference,
        template,
        recipient,
        key,
        preference.id if preference else None,
        status,
        now,
        event_type=event.TYPE,
        event_time=event.envelope.time,
        tracking_code=getattr(event, "tracking_code", None),  # the case's events name it
        **content(preference),
    )
    return _add_message(session, event, message)


def already_created(session: Session, reference: str, key: str, template: str) -> bool:
    existing = session.scalar(
        select(Message.id).where(
            Message.event_id == reference,
            Message.recipient_key == key,
            Message.template == template,
        )
    )
    return existing is not None


def _delivery_status(
    session: Session, key: str, essential: bool, recipient_kind: str, now: datetime
) -> tuple[str, Preference | None]:
    """Essential mails always go; others honour the recipient's unsubscribe and digest choice."""
    if essential:
        return "created", None
    preference = preference_for(session, key, now)
    if preference.unsubscribed_at is not None:
        return "suppressed", preference
    if preference.digest and recipient_kind == "staff":
        return "held", preference
    return "created", preference


def new_message(
    reference: str,
    template: tuple[str, int, bool],
    recipient: Recipient,
    key: str,
    preference_id: str | None,
    status: str,
    now: datetime,
    **fields: Any,
) -> Message:
    """A message row, due at once when its `status` is `created`; `fields` say what it answers
    and what it says."""
    name, version, essential = template
    return Message(
        id=str(uuid.uuid4()),
        event_id=reference,
        template=name,
        template_version=version,
        essential=essential,
        recipient_kind=recipient.kind,
        recipient_key=key,
        recipient=recipient.email,
        recipient_name=recipient.name,
        preference_id=preference_id,
        status=status,
        attempts=0,
        next_attempt_at=now if status == "created" else None,
        created_at=now,
        status_changed_at=now,
        **fields,
    )


def _add_message(session: Session, event: Contract, message: Message) -> Message:
    session.add(message)
    session.flush()
    if message.status == "created":
        wakeup.after_commit(session)
    metrics.notifications.labels(message.template, message.status).inc()
    log.info(
        "message from template %s.v%d is %s",
        message.template,
        message.template_version,
        message.status,
        extra={"event_id": event.envelope.id, "event_type": event.TYPE, "status": message.status},
    )
    return message


# --- erasure (GDPR art. 17) ---------------------------------------------------------------------


@dataclass
class _Person:
    """What notify holds of the person a privacy request names."""

    keys: set[str]  # recipient keys: the address given and the contacts' addresses
    codes: set[str]  # tracking codes of their ideas
    contacts: list[Contact]
    addresses: set[str]  # the address given and the contacts' addresses, lower case


def _find_person(session: Session, settings: Settings, request: PersonRequest) -> _Person:
    email = privacy.requested_email(request)
    keys = {privacy.person_key(settings.secret_key, email)} if email else set()
    codes = privacy.requested_tracking_codes(request)
    idea_ids = set(request.idea_ids)
    contact_filter = [Contact.recipient_key.in_(keys)] if keys else []
    if codes:
        contact_filter.append(Contact.tracking_code.in_(codes))
    if idea_ids:
        contact_filter.append(Contact.idea_id.in_(idea_ids))
    contacts = (
        list(session.scalars(select(Contact).where(or_(*contact_filter)))) if contact_filter else []
    )
    keys |= {contact.recipient_key for contact in contacts}
    codes |= {contact.tracking_code for contact in contacts}
    addresses = {email} if email else set()
    addresses |= {contact.email.strip().lower() for contact in contacts}
    return _Person(keys, codes, contacts, addresses)


def erase_person(session: Session, event: ErasureRequested, settings: Settings) -> None:
    """Forget a person: their contacts, the addresses and bodies of their messages, preferences."""
    now = datetime.now(UTC)
    person = _find_person(session, settings, event)
    keys, codes, contacts = person.keys, person.codes, person.contacts
    for contact in contacts:
        session.delete(contact)

    # Their own messages lose address and text; messages to others about their idea lose the text.
    message_filter = []
    if keys:
        message_filter.append(Message.recipient_key.in_(keys))
    if codes:
        message_filter.append(Message.tracking_code.in_(codes))
    erased_ids: list[str] = []
    if message_filter:
        erased_ids = list(
            session.scalars(
                select(Message.id).where(or_(*message_filter), Message.bodies_deleted_at.is_(None))
            )
        )
        session.execute(
            update(Message)
            .where(Message.id.in_(erased_ids))
            .values(subject=None, body_text=None, body_html=None, bodies_deleted_at=now)
        )
    if keys:
        session.execute(
            update(Message)
            .where(
                Message.recipient_key.in_(keys),
                Message.status.in_(("created", "temporary-failure", "held")),
            )
            .values(
                status="suppressed",
                failure_reason="erased",
                next_attempt_at=None,
                status_changed_at=now,
            )
        )
        session.execute(
            update(Message)
            .where(Message.recipient_key.in_(keys))
            .values(recipient=None, recipient_name=None)
        )
    erased_preferences = (
        changed_rows(session.execute(delete(Preference).where(Preference.recipient_key.in_(keys))))
        if keys
        else 0
    )
    summary = {
        "contacts": len(contacts),
        "messages": len(erased_ids),
        "preferences": int(erased_preferences),
    }
    if not settings.is_production:
        _drop_from_mail_sink(settings, person.addresses, erased_ids)
    privacy.report(session, SERVICE, event.request_id, "erasure", summary)


def _drop_from_mail_sink(settings: Settings, addresses: set[str], message_ids: list[str]) -> None:
    """The development mail sink is notify's own mailbox and keeps every mail sent: the mails to
    the person, and those whose text was just erased (about their ideas, to others), go too."""
    config = notify_config(settings)
    headers = {config.message_id_header(message_id) for message_id in message_ids}
    dropped = drop_mails(config.mail_dir, addresses, headers)
    log.info("erasure dropped %d mails from the development mail sink", dropped)


# --- access (GDPR art. 15) ----------------------------------------------------------------------


def report_person(session: Session, event: AccessRequested, settings: Settings) -> None:
    """Export what notify holds: the contacts, the mails to the person and their choices."""
    person = _find_person(session, settings, event)
    messages = (
        list(
            session.scalars(
                select(Message)
                .where(Message.recipient_key.in_(person.keys))
                .order_by(Message.created_at)
            )
        )
        if person.keys
        else []
    )
    preferences = (
        list(session.scalars(select(Preference).where(Preference.recipient_key.in_(person.keys))))
        if person.keys
        else []
    )
    data: dict[str, list[dict[str, Any]]] = {
        "contacts": [
            {
                "tracking_code": c.tracking_code,
                "name": c.name,
                "email": c.email,
                "language": c.language,
                "created_at": c.created_at.isoformat(),
            }
            for c in person.contacts
        ],
        "messages": [
            {
                "template": m.template,
                "category": m.category,
                "recipient": m.recipient,
                "name": m.recipient_name,
                "subject": m.subject,
                "body": m.body_text,
                "status": m.status,
                "created_at": m.created_at.isoformat(),
                "sent_at": m.sent_at.isoformat() if m.sent_at else None,
            }
            for m in messages
        ],
        "preferences": [
            {
                "unsubscribed_at": p.unsubscribed_at.isoformat() if p.unsubscribed_at else None,
                "digest": p.digest,
            }
            for p in preferences
        ],
    }
    summary = {name: len(rows) for name, rows in data.items()}
    privacy.report(session, SERVICE, event.request_id, "access", summary, data=data)


# --- preferences --------------------------------------------------------------------------------


def unsubscribe(session: Session, preference_id: str, now: datetime | None = None) -> bool:
    preference = session.get(Preference, preference_id)
    if preference is None:
        return False
    if preference.unsubscribed_at is None:
        preference.unsubscribed_at = now or datetime.now(UTC)
        preference.updated_at = preference.unsubscribed_at
    return True


def staff_preference(session: Session, settings: Settings, email: str) -> Preference:
    return preference_for(
        session, privacy.person_key(settings.secret_key, email), datetime.now(UTC)
    )


def resubscribe(session: Session, settings: Settings, email: str) -> None:
    preference = staff_preference(session, settings, email)
    preference.unsubscribed_at = None
    preference.updated_at = datetime.now(UTC)


def set_staff_digest(session: Session, settings: Settings, email: str, digest: bool) -> None:
    preference = staff_preference(session, settings, email)
    preference.digest = digest
    preference.updated_at = datetime.now(UTC)

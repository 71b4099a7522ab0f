"""Notify's rules, free of Flask and SQLAlchemy: who hears what, the working-day promise, retries."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sammen.vocabulary import CASE_STATUSES, N_
from sammen.workdays import LOCAL as COPENHAGEN
from sammen.workdays import add_working_days

FIRST_ANSWER_WORKING_DAYS = 5

# The languages mails are written in (the pages offer the same: sammen.web.LANGUAGES).
LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"

# Danish msgids; the mail templates translate them into the recipient's language.
OFFERS: dict[str, str] = {
    "help": N_("vil give en hånd med"),
    "resource": N_("kan bidrage med ressourcer"),
    "contact": N_("vil gerne i kontakt"),
}
ANY_OFFER = N_("vil gerne hjælpe")
# The steps of a case's history, as the mail to a new owner names them.
HISTORY_KINDS: dict[str, str] = {
    "submitted": N_("Idéen kom ind"),
    "queued": N_("Sat i koordinatorernes kø"),
    "assigned": N_("Tildelt en sparringsagent"),
    "status_changed": N_("Ny status"),
    "message": N_("Besked til initiativtageren"),
    "note": N_("Intern note"),
    "linked": N_("Koblet"),
    "handed_over": N_("Videregivet"),
    "published": N_("Offentliggjort i Idébanken"),
    "dialogue": N_("Tilbud om hjælp fra Idébanken"),
    "initiator_replied": N_("Initiativtageren har skrevet"),
    "erased": N_("Personoplysninger slettet efter anmodning"),
}


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str | None
    kind: str  # "citizen" or "staff": staff may choose a daily digest
    language: str = DEFAULT_LANGUAGE  # staff, and citizens whose language no event told us: Danish
    # The initiator's private write-back link (secret: only in their own mails, never logged).
    reply_url: str | None = None


@dataclass(frozen=True)
class Planned:
    """One message to create: a template for a recipient, with the data the template shows."""

    template: str
    recipient: Recipient
    context: dict[str, Any] = field(default_factory=dict)


def language_of(value: object) -> str:
    """A language mails can be written in; anything else (or nothing) is Danish."""
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


# --- the 5-working-day promise ------------------------------------------------------------------


def first_answer_due(submitted_at: datetime) -> date:
    """When the initiator hears from a sparring agent at the latest, counted in Copenhagen."""
    return add_working_days(submitted_at.astimezone(COPENHAGEN).date(), FIRST_ANSWER_WORKING_DAYS)


def deadline_day(deadline: datetime) -> date:
    """The last day of a deadline: one that ends at midnight belongs to the day before."""
    return (deadline - timedelta(microseconds=1)).astimezone(COPENHAGEN).date()


def parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    # Event times are UTC; a bare date or a time without offset is read as UTC too.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# --- who hears what -----------------------------------------------------------------------------


def _person(
    value: dict[str, Any] | None, kind: str, language: str = DEFAULT_LANGUAGE
) -> Recipient | None:
    if not value or not value.get("email"):
        return None
    return Recipient(
        email=str(value["email"]).strip(), name=value.get("name"), kind=kind, language=language
    )


def _unique(planned: list[Planned]) -> list[Planned]:
    """One message per (recipient, template) even when a list names a person twice."""
    seen: set[tuple[str, str]] = set()
    result = []
    for item in planned:
        key = (item.recipient.email.lower(), item.template)
        if key not in seen:
            seen.add(key)
            result.append(item)
    return result


def plan(event_type: str, data: dict[str, Any], initiator: Recipient | None) -> list[Planned]:
    """The messages an event causes. `initiator` is the stored contact of the idea, if known."""
    planner = _PLANNERS.get(event_type)
    return _unique(planner(data, initiator)) if planner else []


def _idea_submitted(data: dict[str, Any], _initiator: Recipient | None) -> list[Planned]:
    person = _person(data.get("initiator"), "citizen", language_of(data.get("language")))
    submitted = parse_time(data.get("submitted_at"))
    if person is None or submitted is None:
        return []
    person = replace(person, reply_url=data.get("reply_url") or None)
    return [Planned("receipt", person, {"due": first_answer_due(submitted)})]


def _case_assigned(data: dict[str, Any], initiator: Recipient | None) -> list[Planned]:
    planned = []
    if initiator is not None:
        planned.append(Planned("case_assigned_initiator", initiator))
    agent = _person(data.get("agent"), "staff")
    if agent is not None:
        planned.append(Planned("case_assigned_agent", agent))
    return planned


def _case_status_changed(data: dict[str, Any], initiator: Recipient | None) -> list[Planned]:
    # Without a message to the initiator the change is internal; the status page shows it.
    if initiator is None or not data.get("message"):
        return []
    context = {
        "from_name": CASE_STATUSES.get(data.get("from") or "", data.get("from")),
        "to_name": CASE_STATUSES.get(data.get("to") or "", data.get("to")),
    }
    return [Planned("case_status_changed", initiator, context)]


def _case_handed_over(data: dict[str, Any], _initiator: Recipient | None) -> list[Planned]:
    """The new owner hears what they take over; a hand-over to a unit without an e-mail tells
    nobody (the status page still shows it)."""
    owner = _person(data.get("responsible"), "staff")
    if owner is None:
        return []
    return [Planned("case_handed_over", owner)]


def _sla_at_risk(data: dict[str, Any], _initiator: Recipient | None) -> list[Planned]:
    agent = _person(data.get("agent"), "staff")
    return [Planned("case_sla_at_risk", agent)] if agent else []


def _sla_breached(data: dict[str, Any], _initiator: Recipient | None) -> list[Planned]:
    coordinators = [_person(c, "staff") for c in data.get("coordinators") or []]
    return [Planned("case_sla_breached", c) for c in coordinators if c is not None]


def _for_registrants(template: str) -> Any:
    def planner(data: dict[str, Any], _initiator: Recipient | None) -> list[Planned]:
        people = [(_person(r, "citizen"), r) for r in data.get("registrants") or []]
        return [
            Planned(template, person, {"cancel_url": raw.get("cancel_url")})
            for person, raw in people
            if person is not None
        ]

    return planner


def _for_registrant(template: str) -> Any:
    def planner(data: dict[str, Any], _initiator: Recipient | None) -> list[Planned]:
        person = _person(data.get("registrant"), "citizen")
        return [Planned(template, person)] if person else []

    return planner


def _idea_joined(data: dict[str, Any], initiator: Recipient | None) -> list[Planned]:
    context = {"offer_text": OFFERS.get(data.get("offer") or "", ANY_OFFER)}
    planned = []
    if initiator is not None:
        planned.append(Planned("idea_joined_initiator", initiator, context))
    agent = _person(data.get("agent"), "staff")
    if agent is not None:
        planned.append(Planned("idea_joined_agent", agent, context))
    return planned


def _initiator_replied(data: dict[str, Any], _initiator: Recipient | None) -> list[Planned]:
    """The agent hears the initiator wrote back; an unassigned case shows it in the queue."""
    agent = _person(data.get("agent"), "staff")
    return [Planned("case_initiator_replied", agent)] if agent else []


def _case_linked(data: dict[str, Any], _initiator: Recipient | None) -> list[Planned]:
    """A colleague linked to a case is asked in by mail; other kinds of link tell nobody here."""
    link = data.get("link") or {}
    if link.get("kind") != "colleague":
        return []
    colleague = _person({"email": link.get("email"), "name": link.get("label")}, "staff")
    return [Planned("case_linked_colleague", colleague)] if colleague else []


_PLANNERS = {
    "idea.submitted": _idea_submitted,
    "case.assigned": _case_assigned,
    "case.status_changed": _case_status_changed,
    "case.handed_over": _case_handed_over,
    "case.sla_at_risk": _sla_at_risk,
    "case.sla_breached": _sla_breached,
    "case.initiator_replied": _initiator_replied,
    "case.linked": _case_linked,
    "calendar.event_changed": _for_registrants("event_changed"),
    "calendar.event_cancelled": _for_registrants("event_cancelled"),
    "calendar.registration_created": _for_registrant("registration_created"),
    "calendar.registration_promoted": _for_registrant("registration_promoted"),
    "dialogue.idea_joined": _idea_joined,
}
NOTIFYING_EVENTS = tuple(_PLANNERS)


# --- delivery -----------------------------------------------------------------------------------

PENDING = ("created", "temporary-failure")
FINAL = ("delivered", "permanent-failure", "technical-failure", "digested", "suppressed")
MAX_RETRY_DELAY = timedelta(hours=6)


def retry_delay(attempts: int, base_seconds: float) -> timedelta:
    """Growing delay after the `attempts`-th failed try: base, 2×base, 4×base, … (capped)."""
    return min(timedelta(seconds=base_seconds * 2 ** max(attempts - 1, 0)), MAX_RETRY_DELAY)


def status_after_temporary_failure(attempts: int, max_attempts: int) -> str:
    """Retry while attempts remain; then give up as a technical failure."""
    return "temporary-failure" if attempts < max_attempts else "technical-failure"


def digest_date(now: datetime, digest_hour: int) -> date | None:
    """Today's local date once the daily digest hour has come, else None."""
    local = now.astimezone(COPENHAGEN)
    return local.date() if local.hour >= digest_hour else None

"""Making one joint meeting of several: which meetings may join, the joint meeting's defaults,
and who gets a place in it (pure rules)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sammen.calendar.errors import InvalidValue
from sammen.vocabulary import N_

TITLE_LENGTH = 200


@dataclass(frozen=True)
class Meeting:
    """One of the meetings to join, as the rules need it."""

    event_id: str
    title: str
    organizers: tuple[str, ...]
    starts_at: datetime
    ends_at: datetime
    location: str
    kind: str
    topics: tuple[str, ...]
    public: bool
    status: str
    recurring: bool
    capacity: int | None


@dataclass(frozen=True)
class Signup:
    """A registration for one of the meetings joined."""

    registration_id: str
    email: str
    status: str  # confirmed or waitlisted
    position: int
    created_at: datetime


@dataclass(frozen=True)
class Placement:
    signup: Signup
    status: str  # confirmed, waitlisted, or duplicate (the person has a place from another)


def check_joinable(meetings: Sequence[Meeting], now: datetime) -> None:
    """Two or more single meetings still to come; the field named is `event_ids.<index>`."""
    if len({m.event_id for m in meetings}) < 2:
        raise InvalidValue("event_ids", N_("Vælg mindst to forskellige møder"))
    for index, meeting in enumerate(meetings):
        field = f"event_ids.{index}"
        if meeting.status == "cancelled":
            raise InvalidValue(field, N_("Mødet er aflyst: %(title)s"), title=meeting.title)
        if meeting.recurring:
            raise InvalidValue(
                field,
                N_("%(title)s er en mødeserie. Opret den enkelte dato som et møde for sig."),
                title=meeting.title,
            )
        if meeting.starts_at <= now:
            raise InvalidValue(
                field, N_("Mødet er allerede begyndt: %(title)s"), title=meeting.title
            )


@dataclass(frozen=True)
class JointPlan:
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    location: str
    kind: str
    organizers: tuple[str, ...]
    topics: tuple[str, ...]
    public: bool
    capacity: int | None


def plan_joint(
    meetings: Sequence[Meeting],
    organizer_names: dict[str, str],
    *,
    title: str | None = None,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    location: str | None = None,
    capacity: int | None = None,
) -> JointPlan:
    """The joint meeting: the earliest meeting's time, place and form unless given otherwise,
    every organizer and topic, public when all were, room for the largest of the audiences."""
    first = min(meetings, key=lambda m: (m.starts_at, m.event_id))
    organizers = tuple(sorted({slug for m in meetings for slug in m.organizers}))
    names = [organizer_names.get(slug, slug) for slug in organizers]
    start = starts_at or first.starts_at
    end = ends_at or start + (first.ends_at - first.starts_at)
    capacities = [m.capacity for m in meetings if m.capacity is not None]
    default_title = "Fællesmøde: " + _listed(names)
    joined = "\n".join(f"- {m.title}" for m in sorted(meetings, key=lambda m: m.starts_at))
    return JointPlan(
        title=(title or default_title)[:TITLE_LENGTH],
        description=f"Fællesmøde for {_listed(names)}. Holdes i stedet for:\n{joined}",
        starts_at=start,
        ends_at=end,
        location=first.location if location is None else location,
        kind=first.kind,
        organizers=organizers,
        topics=tuple(sorted({t for m in meetings for t in m.topics})),
        public=all(m.public for m in meetings),
        capacity=capacity if capacity is not None else max(capacities, default=None),
    )


def _listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]


def place_signups(signups: Iterable[Signup], capacity: int | None) -> list[Placement]:
    """Who has a seat at the joint meeting: those who had one, in the order they signed up, then
    those who were waiting, in the same order, while seats last; the rest wait. A person signed
    up for several of the meetings keeps one registration, the best placed."""
    ordered = sorted(
        signups,
        key=lambda s: (s.status != "confirmed", s.created_at, s.position, s.registration_id),
    )
    seen: set[str] = set()
    seats = capacity or 0
    placements = []
    for signup in ordered:
        if signup.email in seen:
            placements.append(Placement(signup, "duplicate"))
            continue
        seen.add(signup.email)
        status = "confirmed" if seats > 0 else "waitlisted"
        if status == "confirmed":
            seats -= 1
        placements.append(Placement(signup, status))
    return placements

"""Reference data for every environment (the organizers) and demo data for development."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from dateutil.rrule import rrulestr
from sqlalchemy.exc import IntegrityError

from sammen.auth import StaffIdentity
from sammen.calendar import access, events
from sammen.calendar.catalogue import DEFAULT_COMMITTEES
from sammen.calendar.models import Event, SecretaryOrganizer
from sammen.calendar.organizers import organizer_names, seed_organizers
from sammen.calendar.schemas import EventInSchema
from sammen.calendar.times import LOCAL_TZ
from sammen.config import Settings
from sammen.db import Database

log = logging.getLogger(__name__)

DEMO_SECRETARY = "sekretaer@gentofte.dk"
DEMO_SECRETARY_ORGANIZERS = ("seniorraadet", "handicapraadet")
_DEMO_NAMESPACE = uuid.UUID("6f1d9c1e-6a55-4c1e-9d9e-2b0c3f7a5e01")
_SEEDER = StaffIdentity(0, "seed@sammen.gentofte.dk", "Sammen", ("admin",))
RAADHUSET = "Gentofte Rådhus, Bernstorffsvej 161, 2820 Gentofte"


def _next_weekday(after: date, weekday: int) -> date:
    return after + timedelta(days=(weekday - after.weekday()) % 7)


def _at(day: date, hour: int, minute: int = 0) -> str:
    return datetime.combine(day, time(hour, minute)).isoformat()


def _first_of(rule: str, after: date) -> date:
    """The first date the rule gives after `after` (so DTSTART is itself an instance)."""
    start = datetime.combine(after, time(), LOCAL_TZ)
    found = rrulestr(rule, dtstart=start).after(start)
    assert found is not None
    return found.date()


def _workday(after: date, weekday: int) -> date:
    """That weekday on or after `after`, outside the Christmas holidays."""
    day = _next_weekday(after, weekday)
    if (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 3):
        day = _next_weekday(date(day.year + (day.month == 12), 1, 4), weekday)
    return day


SENIOR_RULE = "FREQ=MONTHLY;BYDAY=2TU;BYMONTH=1,2,3,4,5,6,8,9,10,11,12"
HANDICAP_RULE = "FREQ=MONTHLY;BYDAY=1WE;BYMONTH=1,2,3,4,5,6,8,9,10,11,12"


def demo_events(today: date) -> list[dict[str, Any]]:
    """Realistic council meetings, a theme meeting and the dialogue formats in the coming months."""
    tuesday = _first_of(SENIOR_RULE, today + timedelta(days=3))
    wednesday = _first_of(HANDICAP_RULE, today + timedelta(days=3))
    green = _workday(today + timedelta(days=14), 3)
    theme = _workday(green + timedelta(days=7), 2)
    talks = _workday(theme + timedelta(days=5), 1)
    integration = _workday(talks + timedelta(days=7), 3)
    car = _workday(today + timedelta(days=10), 5)
    return [
        {
            "title": "Seniorrådets møde",
            "description": "Seniorrådets ordinære møde. Tilhørere er velkomne.",
            "starts_at": _at(tuesday, 16),
            "ends_at": _at(tuesday, 18),
            "location": f"{RAADHUSET}, mødelokale 3",
            "organizers": ["seniorraadet"],
            "kind": "council_meeting",
            "topics": ["aeldre-og-seniorliv", "sundhed-og-forebyggelse"],
            "rrule": SENIOR_RULE,
        },
        {
            "title": "Handicaprådets møde",
            "description": "Handicaprådets ordinære møde.",
            "starts_at": _at(wednesday, 16, 30),
            "ends_at": _at(wednesday, 18, 30),
            "location": f"{RAADHUSET}, mødelokale 1",
            "organizers": ["handicapraadet"],
            "kind": "council_meeting",
            "topics": ["handicap-og-social", "sundhed-og-forebyggelse"],
            "rrule": HANDICAP_RULE,
        },
        {
            "title": "Grønt Råd: Træer og grønne fællesskaber",
            "description": "Grønt Råd drøfter byens træer og de grønne fællesskaber.",
            "starts_at": _at(green, 17),
            "ends_at": _at(green, 19),
            "location": RAADHUSET,
            "organizers": ["groent-raad"],
            "kind": "council_meeting",
            "topics": ["natur-klima-og-miljoe"],
        },
        {
            "title": "Temamøde: Klimatilpasning i dit kvarter",
            "description": "Udvalget inviterer borgere til et åbent temamøde om klimatilpasning.",
            "starts_at": _at(theme, 19),
            "ends_at": _at(theme, 21),
            "location": "Gentofte Hovedbibliotek, Ahlmanns Allé 6, 2900 Hellerup",
            "organizers": ["klima-og-miljoeudvalget"],
            "kind": "theme_meeting",
            "topics": ["natur-klima-og-miljoe"],
            "registration": {"capacity": 60, "deadline": _at(theme - timedelta(days=2), 12)},
        },
        {
            "title": "Integrationsrådets møde",
            "description": "Integrationsrådets ordinære møde.",
            "starts_at": _at(integration, 17),
            "ends_at": _at(integration, 19),
            "location": f"{RAADHUSET}, mødelokale 2",
            "organizers": ["integrationsraadet"],
            "kind": "council_meeting",
            "topics": ["integration-og-faellesskab"],
        },
        {
            "title": "Gentofte Talks: Fællesskaber for ældre",
            "description": "Korte oplæg og samtale om, hvordan vi skaber flere fællesskaber.",
            "starts_at": _at(talks, 14),
            "ends_at": _at(talks, 16),
            "location": "Gentofte Hovedbibliotek, Ahlmanns Allé 6, 2900 Hellerup",
            "organizers": ["gentofte-talks"],
            "kind": "gentofte_talks",
            "topics": ["aeldre-og-seniorliv", "frivillighed-og-foreninger"],
            "registration": {"capacity": 80, "deadline": None},
        },
        {
            "title": "Deltag-bilen på Hellerup Torv",
            "description": "Kom forbi Deltag-bilen og fortæl os om din idé til dit kvarter.",
            "starts_at": _at(car, 10),
            "ends_at": _at(car, 13),
            "location": "Hellerup Torv, 2900 Hellerup",
            "organizers": ["deltag-bilen"],
            "kind": "deltag_bilen",
            "topics": ["demokrati-og-samskabelse"],
        },
    ]


def seed(database: Database, settings: Settings, now: datetime | None = None) -> None:
    """Organizers always; in development also the demo secretary and demo meetings.

    Several web workers start at once: whoever commits first seeds, the others find it done.
    """
    committees = settings.get("CALENDAR_COMMITTEES") or DEFAULT_COMMITTEES
    try:
        with database.transaction() as session:
            seed_organizers(session, committees)
        if settings.env == "development":
            seed_demo(database, settings, now or datetime.now(UTC))
    except IntegrityError:
        log.info("seed data was written by another process")


def seed_demo(database: Database, settings: Settings, now: datetime) -> None:
    with database.transaction() as session:
        known = set(organizer_names(session))
        if not access.secretary_organizers(session, DEMO_SECRETARY):
            for slug in DEMO_SECRETARY_ORGANIZERS:
                session.add(SecretaryOrganizer(email=DEMO_SECRETARY, organizer_slug=slug))
        for raw in demo_events(now.astimezone(LOCAL_TZ).date()):
            event_id = str(uuid.uuid5(_DEMO_NAMESPACE, raw["title"]))
            if not set(raw["organizers"]) <= known or session.get(Event, event_id) is not None:
                continue
            payload = EventInSchema().load(raw)
            events.create_event(session, settings, payload, _SEEDER, now, event_id=event_id)

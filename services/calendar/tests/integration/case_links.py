"""`case.linked` as routing publishes it, for the calendar's tests."""

from sammen.bus import Event
from sammen.contracts import CaseLinked, Link, StaffContact
from sammen.testing import events

ROUTING_CASES = "https://sag.gentofte.dk/sager"


def council_link(
    case_id: str = "c0ffee00-0000-4000-8000-000000000001",
    tracking_code: str = "SAM-7K2Q",
    kind: str = "council",
    target: str = "handicapraadet",
    title: str = "Bænke med armlæn langs Gentofte Sø",
) -> CaseLinked:
    """One link made by the demo agent; `kind`/`target` say what the case was linked to."""
    return events.case_linked(
        case_id=case_id,
        tracking_code=tracking_code,
        title=title,
        theme="handicap-og-social",
        linked_at="2026-12-01T09:30:00+00:00",
        case_url=f"{ROUTING_CASES}/{case_id}",
        linked_by=StaffContact(id=4, name="Dorthe Lund", email="dorthe.lund@gentofte.dk"),
        link=Link(
            kind=kind,
            target=target,
            label="Handicaprådet" if kind == "council" else target,
            email="kollega@gentofte.dk" if kind == "colleague" else None,
        ),
    )


def case_linked(**changes: str) -> Event:
    """The link in the envelope routing sends it in."""
    return events.envelope(council_link(**changes))


def received_link(**changes: str) -> CaseLinked:
    """The link as the calendar's handler receives it."""
    return events.received(council_link(**changes))

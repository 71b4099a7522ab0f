"""`case.linked` as routing publishes it, for the calendar's tests."""

from sammen.bus import Event, new_event

ROUTING_CASES = "https://sag.gentofte.dk/sager"


def case_linked(
    case_id: str = "c0ffee00-0000-4000-8000-000000000001",
    tracking_code: str = "SAM-7K2Q",
    kind: str = "council",
    target: str = "handicapraadet",
    title: str = "Bænke med armlæn langs Gentofte Sø",
) -> Event:
    """One link made by the demo agent; `kind`/`target` say what the case was linked to."""
    return new_event(
        "routing",
        "case.linked",
        case_id,
        {
            "case_id": case_id,
            "tracking_code": tracking_code,
            "title": title,
            "theme": "handicap-og-social",
            "linked_at": "2026-12-01T09:30:00+00:00",
            "case_url": f"{ROUTING_CASES}/{case_id}",
            "linked_by": {
                "id": 4,
                "name": "Dorthe Lund",
                "email": "dorthe.lund@gentofte.dk",
            },
            "link": {
                "kind": kind,
                "target": target,
                "label": "Handicaprådet" if kind == "council" else target,
                "email": "kollega@gentofte.dk" if kind == "colleague" else None,
            },
        },
    )

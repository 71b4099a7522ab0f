from datetime import UTC, datetime

from sammen.auth import StaffIdentity
from sammen.formats.realisation import handlers
from sammen.formats.realisation.app import create_app
from sammen.testing.apps import SignIn, clocked_app_fixtures

COORDINATOR = StaffIdentity(3, "kim@gentofte.dk", "Kim Koordinator", ("coordinator",))
OWNER = StaffIdentity(5, "Ole.Ejer@gentofte.dk", "Ole Ejer", ("agent",))
OTHER_AGENT = StaffIdentity(4, "agnete@gentofte.dk", "Agnete Agent", ("agent",))
# Monday 30 November 2026, 10:00 in Copenhagen: five working days end on Monday 7 December.
T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
SIGN_IN = SignIn(COORDINATOR)
bearer, log_in = SIGN_IN.bearer, SIGN_IN.log_in

COMMITTEE = {
    "name": "Opgaveudvalget for bæredygtig mobilitet",
    "kind": "task_committee",
    "organizer": "opgaveudvalg-mobilitet",
    "members": [
        {"name": "Mette Borger", "email": "mette@example.dk", "role": "citizen"},
        {
            "name": "Per Politiker",
            "email": "per@example.dk",
            "role": "politician",
            "language": "en",
        },
    ],
}


def recommendation(committee_id: str, **changes):  # type: ignore[no-untyped-def]
    return {
        "committee_id": committee_id,
        "title": "Flere cykelparkeringer ved stationerne",
        "summary": "Udvalget anbefaler overdækket cykelparkering ved alle stationer.",
        "decided_by": "Kommunalbestyrelsen",
        "decided_on": "2026-06-22",
        "responsible": {
            "unit": "By og Trafik",
            "name": "Ole Ejer",
            "email": "ole.ejer@gentofte.dk",
        },
        "how_to_contribute": "Fortæl os, hvor du mangler en cykelparkering.",
        "milestones": [
            {"title": "Placeringer valgt", "due_on": "2027-01-31"},
            {"title": "Første parkering bygget", "due_on": "2027-06-30"},
        ],
        "links": [
            {
                "kind": "hearing",
                "label": "Høringen om trafikplanen",
                "url": "https://example.dk/h/1",
            }
        ],
    } | changes


clock, realisation_app, offline_realisation_app, realisation_worker = clocked_app_fixtures(
    "realisation", "realisation", create_app, handlers, T0
)


def set_up(app):  # type: ignore[no-untyped-def]
    """A committee with two members and one recommendation owned by OWNER."""
    api = app.test_client()
    committee = api.post("/api/v1/committees", json=COMMITTEE, headers=bearer(app))
    assert committee.status_code == 201, committee.json
    created = api.post(
        "/api/v1/recommendations", json=recommendation(committee.json["id"]), headers=bearer(app)
    )
    assert created.status_code == 201, created.json
    return committee.json, created.json

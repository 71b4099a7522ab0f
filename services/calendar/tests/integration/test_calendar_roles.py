"""Who may write: every write endpoint × every role × anonymous, checked on the server."""

from sammen.testing.apps import signed_in

from .conftest import (
    ADMIN,
    AGENT,
    COORDINATOR,
    OTHER_SECRETARY,
    SECRETARY,
    StaffIdentity,
    event_body,
)

MODERATOR = StaffIdentity(16, "moderator@gentofte.dk", "Mona Moderator", ("moderator",))
UNMAPPED_SECRETARY = StaffIdentity(17, "ny@gentofte.dk", "Nina Ny", ("council_secretary",))

# The event under test belongs to Seniorrådet; SECRETARY writes for it, OTHER_SECRETARY does not.
WHO = {
    "anonymous": (None, 401),
    "agent": (AGENT, 403),
    "moderator": (MODERATOR, 403),
    "secretary of another council": (OTHER_SECRETARY, 403),
    "secretary without councils": (UNMAPPED_SECRETARY, 403),
    "secretary of the council": (SECRETARY, None),
    "coordinator": (COORDINATOR, None),
    "admin": (ADMIN, None),
}
ENDPOINTS = {
    "create": ("POST", "/api/v1/events", 201),
    "change": ("PATCH", "/api/v1/events/{id}", 200),
    "cancel": ("POST", "/api/v1/events/{id}/cancel", 200),
    "registrants": ("GET", "/api/v1/events/{id}/registrations", 200),
    "suggestions": ("GET", "/api/v1/joint-meetings", 200),
}


def test_write_endpoints_by_role(client, create, auth):
    """The whole matrix in one app (one database): each cell on a fresh event."""
    wrong = []
    for who, (staff, refused) in WHO.items():
        for name, (method, path, ok) in ENDPOINTS.items():
            target = create(staff=COORDINATOR)
            headers = auth(staff) if staff else {}
            body = {"create": event_body(), "change": {"title": "Ændret titel"}}.get(name)
            response = client.open(
                path.format(id=target["id"]), method=method, json=body, headers=headers
            )
            # Every secretary may ask for suggestions: they just see none of other councils'.
            asks = name == "suggestions" and staff and "council_secretary" in staff.roles
            expected = refused if refused and not asks else ok
            if response.status_code != expected:
                wrong.append((who, name, response.status_code, expected))
    assert wrong == []


def test_a_secretary_writes_joint_meetings_but_not_only_for_others(client, auth):
    joint = client.post(
        "/api/v1/events",
        json=event_body(organizers=["seniorraadet", "groent-raad"]),
        headers=auth(OTHER_SECRETARY),
    )
    assert joint.status_code == 201
    handed_over = client.patch(
        f"/api/v1/events/{joint.json['id']}",
        json={"organizers": ["integrationsraadet"]},
        headers=auth(OTHER_SECRETARY),
    )
    assert handed_over.status_code == 403
    assert client.get(f"/api/v1/events/{joint.json['id']}").json["organizers"] == [
        "groent-raad",
        "seniorraadet",
    ]


def test_only_admins_map_secretaries(client, auth):
    for staff, expected in ((None, 401), (SECRETARY, 403), (COORDINATOR, 403), (ADMIN, 200)):
        headers = auth(staff) if staff else {}
        response = client.put(
            "/api/v1/secretaries/x@gentofte.dk", json={"organizers": []}, headers=headers
        )
        assert response.status_code == expected


def test_staff_pages_by_role(client, calendar, create):
    target = create(staff=COORDINATOR)
    for staff, expected in (
        (None, 302),
        (AGENT, 403),
        (OTHER_SECRETARY, 403),
        (SECRETARY, 200),
        (ADMIN, 200),
    ):
        response = signed_in(calendar, client, staff).get(
            f"/personale/arrangementer/{target['id']}"
        )
        assert response.status_code == expected, staff
        cancel = client.post(f"/personale/arrangementer/{target['id']}/aflys", data={"reason": "x"})
        assert cancel.status_code == (expected if expected != 200 else 303), staff


def test_only_the_events_writers_see_its_registrants(client, calendar, create, auth):
    """The event's council's secretary, coordinators and admins read who signed up; anyone else
    is refused, and the refusal shows nobody's name or address."""
    event = create(
        registration={"capacity": 5}, starts_at="2027-03-02T18:00", ends_at="2027-03-02T20:00"
    )
    signed_up = client.post(
        f"/api/v1/events/{event['id']}/registrations",
        json={"name": "Xenia Quirinius", "email": "xenia@example.dk"},
    )
    assert signed_up.status_code == 201
    for who, (staff, refused) in WHO.items():
        if staff is None:
            continue
        api = client.get(f"/api/v1/events/{event['id']}/registrations", headers=auth(staff))
        page = signed_in(calendar, client, staff).get(f"/personale/arrangementer/{event['id']}")
        for name, response in (("api", api), ("page", page)):
            text = response.get_data(as_text=True)
            if refused:
                assert response.status_code == 403, (who, name)
                assert "xenia" not in text.lower(), (who, name)
            else:
                assert response.status_code == 200, (who, name)
                assert "xenia@example.dk" in text, (who, name)

"""An initiator's contact is read by the case's agent, coordinators and admins. Another agent
still opens the case (to link it, learn from it, or take it from the queue), without the contact;
every other role is refused the case (test_routing_authorization)."""

from sqlalchemy import select

from sammen.auth import issue_token
from sammen.routing.models import AuditEntry

from .conftest import browser, make_case

CONTACT = ("anna.jensen@example.dk", "Anna Jensen")


def opened_by(db) -> list[int]:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        return [e.staff_id for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_the_contact_is_for_the_cases_agent_coordinators_and_admins(routing, db, staff):
    agent, _ = staff("agent")
    case_id = make_case(db)  # assigned to the only agent of the theme
    readers = [agent, staff("coordinator")[0], staff("admin")[0]]
    for who in readers:
        client = browser(routing, who)
        page = client.get(f"/sager/{case_id}").get_data(as_text=True)
        assert all(part in page for part in CONTACT), who.roles
        api = client.get(f"/api/v1/cases/{case_id}", headers=bearer(routing, who)).json
        assert api["initiator"]["email"] == CONTACT[0]
    assert opened_by(db) == [who.id for who in readers for _ in ("page", "api")]


def test_another_agent_opens_the_case_without_the_contact(routing, db, staff):
    staff("agent")
    case_id = make_case(db)
    colleague, headers = staff("agent", name="Bo Kollega")
    page = browser(routing, colleague).get(f"/sager/{case_id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Bytte-reol" in text and not any(part in text for part in CONTACT)
    api = routing.test_client().get(f"/api/v1/cases/{case_id}", headers=headers)
    assert api.status_code == 200 and api.json["initiator"] is None
    assert not any(part in api.get_data(as_text=True) for part in CONTACT)
    assert opened_by(db) == []  # nobody's data was shown


def bearer(app, who):  # type: ignore[no-untyped-def]
    return {"Authorization": f"Bearer {issue_token(app.config['SECRET_KEY'], who)}"}

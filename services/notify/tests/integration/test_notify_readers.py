"""Who reads the mails notify keeps (their text names the person written to): the case's agent,
coordinators and admins. Everyone else on the staff is refused, and sees nothing of them."""

from __future__ import annotations

from sammen.auth import StaffIdentity
from sammen.testing import queued_events

from .conftest import (
    AGENT,
    COORDINATOR,
    case_event,
    handle,
    idea_submitted,
    register_for_the_meeting,
    staff_headers,
)

OTHER_AGENT = StaffIdentity(8, "bo.sparring@gentofte.dk", "Bo Sparring", ("agent",))
ADMIN = StaffIdentity(2, "admin@gentofte.dk", "Ada Admin", ("admin",))
MODERATOR = StaffIdentity(3, "moderator@gentofte.dk", "Mona Moderator", ("moderator",))
SECRETARY = StaffIdentity(4, "raad@gentofte.dk", "Rasmus Råd", ("council_secretary",))


def assigned(idea, agent: StaffIdentity, **data):  # type: ignore[no-untyped-def]
    who = {"id": agent.id, "name": agent.name, "email": agent.email, "phone": None}
    return case_event("case.assigned", idea, agent=who, status="assigned", **data)


def listed(app, who: StaffIdentity, **query: str):  # type: ignore[no-untyped-def]
    return app.test_client().get(
        "/api/v1/notifications", query_string=query, headers=staff_headers(app, who)
    )


def audited(app) -> list[int]:  # type: ignore[no-untyped-def]
    records = queued_events(app.config["SAMMEN_DATABASE"], "audit.data_opened")
    return [record.data["staff_id"] for record in records]


def test_a_cases_mails_are_read_by_its_agent_coordinators_and_admins_only(notify):
    idea = idea_submitted()
    handle(notify, idea)
    handle(notify, assigned(idea, AGENT))
    code = idea.data["tracking_code"]
    for who in (AGENT, COORDINATOR, ADMIN):
        answer = listed(notify, who, tracking_code=code)
        assert answer.status_code == 200, who.roles
        assert "Kære Anna Jensen" in str(answer.json)
    for who in (OTHER_AGENT, MODERATOR, SECRETARY):
        answer = listed(notify, who, tracking_code=code)
        assert answer.status_code == 403, who.roles
        assert "Anna" not in answer.get_data(as_text=True)
    # Only those who read the mails are in the audit log.
    assert audited(notify) == [AGENT.id, COORDINATOR.id, ADMIN.id]


def test_an_agent_lists_only_the_mails_of_the_cases_assigned_to_them(notify):
    mine, theirs = idea_submitted(), idea_submitted(email="bo@example.dk")
    for idea, agent in ((mine, AGENT), (theirs, OTHER_AGENT)):
        handle(notify, idea)
        handle(notify, assigned(idea, agent))
    register_for_the_meeting(notify, "Li", "li@example.dk")
    codes = {m["tracking_code"] for m in listed(notify, AGENT).json}
    assert codes == {mine.data["tracking_code"]}  # nor the registrant's mail, of no case at all
    assert {m["tracking_code"] for m in listed(notify, COORDINATOR).json} == {
        mine.data["tracking_code"],
        theirs.data["tracking_code"],
        None,
    }
    # Reassigned: the mails go with the case.
    handle(notify, assigned(mine, OTHER_AGENT, reassigned=True))
    assert listed(notify, AGENT, tracking_code=mine.data["tracking_code"]).status_code == 403
    assert listed(notify, AGENT).json == []
    assert {m["tracking_code"] for m in listed(notify, OTHER_AGENT).json} == {
        mine.data["tracking_code"],
        theirs.data["tracking_code"],
    }

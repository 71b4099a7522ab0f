"""Follow-through: the initiator's reply lands in the case and tells the agent; a link names the
case, who links it and, for a colleague, whom to tell."""

from sammen.routing.models import Case
from sammen.testing import publish_event, wait_for
from sammen.testing.events import envelope, idea_initiator_replied

from .conftest import browser, hidden, make_case, outbox

REPLY = "Biblioteket har sagt ja til at låne os et hjørne i foyeren."


def replied(case, text=REPLY):
    reply = idea_initiator_replied(
        idea_id=case.idea_id,
        tracking_code=case.tracking_code,
        text=text,
        replied_at="2026-11-24T08:30:00+00:00",
    )
    return envelope(reply)


def the_case(db, case_id):
    with db.transaction() as session:
        case = session.get(Case, case_id)
        return case, [(e.kind, e.text) for e in case.entries]


def test_the_initiators_reply_joins_the_history_and_tells_the_agent(
    routing, db, staff, worker, tap, amqp_url
):
    agent, _ = staff("agent", name="Agnete Holm")
    case_id = make_case(db)
    case, _ = the_case(db, case_id)
    told = tap("case.initiator_replied")
    event = replied(case)
    publish_event(amqp_url, event)
    publish_event(amqp_url, event)  # redelivered: one entry, one word to the agent
    [sent] = told.wait_for("case.initiator_replied")
    assert sent.subject == case_id
    assert sent.data == {
        "case_id": case_id,
        "tracking_code": case.tracking_code,
        "title": "Bytte-reol på biblioteket",
        "text": REPLY,
        "agent": {"id": agent.id, "name": "Agnete Holm", "email": agent.email, "phone": None},
        "replied_at": "2026-11-24T08:30:00Z",
    }
    wait_for(lambda: worker.consumer.ready.is_set(), what="consumer ready")
    _, entries = the_case(db, case_id)
    assert entries.count(("initiator_replied", REPLY)) == 1
    page = browser(routing, agent).get(f"/sager/{case_id}").get_data(as_text=True)
    assert "Initiativtageren har skrevet" in page and REPLY in page
    assert len(told.of_type("case.initiator_replied")) == 1


def test_linking_a_colleague_names_the_case_who_links_and_the_colleagues_address(
    routing, db, staff
):
    agent, _ = staff("agent", name="Agnete Holm")
    colleague, _ = staff("coordinator", name="Bo Kristensen", email="bo.kristensen@gentofte.dk")
    case_id = make_case(db)
    client = browser(routing, agent)
    token = hidden(client.get(f"/sager/{case_id}").get_data(as_text=True), "csrf_token")
    answer = client.post(
        f"/sager/{case_id}/kobling",
        data={"csrf_token": token, "kind": "colleague", "target_colleague": str(colleague.id)},
    )
    assert answer.status_code == 303
    [linked] = outbox(db, "case.linked")
    case, _ = the_case(db, case_id)
    assert linked.data == {
        "case_id": case_id,
        "tracking_code": case.tracking_code,
        "title": "Bytte-reol på biblioteket",
        "theme": "kultur-og-fritid",
        "linked_at": "2026-11-23T09:00:00Z",
        "case_url": f"http://localhost:8002/sager/{case_id}",
        "linked_by": {"id": agent.id, "name": "Agnete Holm", "email": agent.email},
        "link": {
            "kind": "colleague",
            "target": str(colleague.id),
            "label": "Bo Kristensen",
            "email": "bo.kristensen@gentofte.dk",
        },
    }

"""Who may act on a case, on the pages as in the API: its assigned agent and coordinators (and
admins). Another agent is refused every action of the case page, and nothing changes."""

import pytest

from sammen.bus.outbox import outbox_table
from sammen.routing.models import Case

from .conftest import browser, hidden, make_case

MESSAGE = "Tak for din idé! Jeg ringer dig op i morgen, så vi kan tale om den."
SUMMARY = "En bytte-reol på hovedbiblioteket, hvor naboer bytter bøger og spil."
# Every action of the case page, with a form that the case's own agent may send.
ACTIONS = {
    "svar": {"to": "in_dialogue", "message": MESSAGE, "note": "Ring i morgen"},
    "note": {"note_text": "Bo var her"},
    "tildel": {"agent": "{other}"},
    "kobling": {"kind": "council", "target_council": "seniorraadet"},
    "offentliggoer": {"summary": SUMMARY},
}


def snapshot(db, case_id):
    """What any case action could change: the case, its timeline and links, the outbox."""
    with db.transaction() as session:
        case = session.get(Case, case_id)
        events = session.execute(outbox_table.select()).all()
        return (
            case.status,
            case.assignee_id,
            case.published_at,
            [(e.kind, e.text) for e in case.entries],
            [(link.kind, link.target) for link in case.links],
            len(events),
        )


@pytest.fixture
def agnetes_case(db, staff):
    agnete, _ = staff("agent", name="Agnete Holm")
    bo, _ = staff("agent", areas=["andet"], name="Bo Kristensen")
    case_id = make_case(db)  # Agnete covers the theme: the case is hers
    return case_id, agnete, bo


@pytest.mark.parametrize("action", ACTIONS)
def test_another_agent_is_refused_every_case_action_and_nothing_changes(
    routing, db, agnetes_case, action
):
    case_id, _agnete, bo = agnetes_case
    client = browser(routing, bo)
    page = client.get(f"/sager/{case_id}").get_data(as_text=True)
    before = snapshot(db, case_id)
    form = {k: v.format(other=bo.id) for k, v in ACTIONS[action].items()}
    answer = client.post(
        f"/sager/{case_id}/{action}", data=form | {"csrf_token": hidden(page, "csrf_token")}
    )
    assert answer.status_code == 403
    assert snapshot(db, case_id) == before


def test_the_case_page_offers_another_agent_no_action(routing, db, agnetes_case):
    case_id, agnete, bo = agnetes_case
    others = browser(routing, bo).get(f"/sager/{case_id}").get_data(as_text=True)
    own = browser(routing, agnete).get(f"/sager/{case_id}").get_data(as_text=True)
    for form in ("svar-form", "note-form", "kobl-raad", "offentliggoer-form"):
        assert f'id="{form}"' in own and f'id="{form}"' not in others, form


def test_the_case_agent_and_a_coordinator_may_write_notes_and_links(
    routing, db, staff, agnetes_case
):
    case_id, agnete, _bo = agnetes_case
    coordinator, _ = staff("coordinator")
    for who in (agnete, coordinator):
        client = browser(routing, who)
        token = hidden(client.get(f"/sager/{case_id}").get_data(as_text=True), "csrf_token")
        for action in ("note", "kobling"):
            answer = client.post(
                f"/sager/{case_id}/{action}", data=ACTIONS[action] | {"csrf_token": token}
            )
            assert answer.status_code == 303, (who.name, action)

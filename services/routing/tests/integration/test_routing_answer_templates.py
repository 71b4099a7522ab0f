"""Answer templates: agents keep them on /svarskabeloner and start an answer from one on the case."""

from sqlalchemy import select

from sammen.routing.models import AnswerTemplate

from .conftest import browser, hidden, make_case, outbox

TEXT = "Tak for din idé. Jeg ringer dig op i løbet af ugen, så vi kan tale om den."
ENGLISH = "Thank you for your idea. I will call you this week so we can talk it over."


def stored(db):
    with db.transaction() as session:
        return [
            (t.status, t.language, t.title, t.text) for t in session.scalars(select(AnswerTemplate))
        ]


def add(client, **fields):
    page = client.get("/svarskabeloner").get_data(as_text=True)
    return client.post("/svarskabeloner", data={"csrf_token": hidden(page, "csrf_token")} | fields)


def test_agents_add_and_edit_templates_and_bad_ones_are_refused(routing, db, staff):
    agent, _ = staff("agent")
    client = browser(routing, agent)
    short = add(client, status="in_dialogue", language="da", title="Kort", text="Hej.")
    assert short.status_code == 422 and 'href="#felt-text"' in short.get_data(as_text=True)
    wrong = add(client, status="assigned", language="da", title="Tildelt", text=TEXT)
    assert wrong.status_code == 422 and 'href="#felt-status"' in wrong.get_data(as_text=True)
    assert stored(db) == []
    added = add(client, status="in_dialogue", language="da", title="Første opkald", text=TEXT)
    assert added.status_code == 303
    add(client, status="in_dialogue", language="en", title="First call", text=ENGLISH)
    listing = client.get("/svarskabeloner").get_data(as_text=True)
    assert "<caption>" in listing and "Første opkald" in listing and "First call" in listing
    with db.transaction() as session:
        first = session.scalar(select(AnswerTemplate.id).where(AnswerTemplate.language == "da"))
    edit = client.get(f"/svarskabeloner/{first}").get_data(as_text=True)
    assert "Første opkald" in edit
    changed = client.post(
        f"/svarskabeloner/{first}",
        data={
            "csrf_token": hidden(edit, "csrf_token"),
            "status": "in_dialogue",
            "language": "da",
            "title": "Første opkald",
            "text": TEXT + " Mvh.",
        },
    )
    assert changed.status_code == 303
    assert ("in_dialogue", "da", "Første opkald", TEXT + " Mvh.") in stored(db)
    assert client.get("/svarskabeloner/999999").status_code == 404
    assert client.get(f"/svarskabeloner/{2**63}").status_code == 404


def test_an_answer_starts_from_a_template_and_is_edited_before_it_is_sent(routing, db, staff):
    agent, _ = staff("agent")
    case_id = make_case(db)
    client = browser(routing, agent)
    add(client, status="in_dialogue", language="da", title="Første opkald", text=TEXT)
    add(client, status="realised", language="da", title="Realiseret", text=TEXT)  # not yet possible
    page = client.get(f"/sager/{case_id}").get_data(as_text=True)
    assert 'id="skabelon-valg"' in page and "Første opkald" in page
    assert "I dialog · DA · Første opkald" in page and "Realiseret · DA" not in page
    with db.transaction() as session:
        chosen = session.scalar(
            select(AnswerTemplate.id).where(AnswerTemplate.status == "in_dialogue")
        )
    filled = client.get(f"/sager/{case_id}?skabelon={chosen}").get_data(as_text=True)
    assert f">{TEXT}</textarea>" in filled
    assert '<option value="in_dialogue" selected>' in filled
    edited = TEXT.replace("i løbet af ugen", "på torsdag")
    sent = client.post(
        f"/sager/{case_id}/svar",
        data={"csrf_token": hidden(filled, "csrf_token"), "to": "in_dialogue", "message": edited},
    )
    assert sent.status_code == 303
    [event] = outbox(db, "case.status_changed")
    assert event.data["message"] == edited

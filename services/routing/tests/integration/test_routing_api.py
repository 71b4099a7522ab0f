"""The JSON API: tokens, cases and their lifecycle, publication, the directory, privacy requests."""

import pytest
from sqlalchemy import func, select

from sammen.auth import read_token
from sammen.routing.accounts import create_account
from sammen.routing.models import AuditEntry, Case

from .conftest import cases, make_case, outbox

MESSAGE = "Tak for din idé! Jeg ringer dig op i morgen, så vi kan tale om den."
REASON = "Kommunen må ikke drive caféen selv, fordi den vil konkurrere med lokale erhvervsdrivende."


def test_a_token_for_the_right_password_and_401_for_a_wrong_one(routing, db):
    with db.transaction() as session:
        create_account(
            session,
            email="Karen@Gentofte.dk",
            name="Karen",
            roles=("coordinator",),
            password="en-lang-adgangskode",
        )
    client = routing.test_client()
    good = client.post(
        "/api/v1/auth/token", json={"email": "karen@gentofte.dk", "password": "en-lang-adgangskode"}
    )
    assert good.status_code == 200
    staff = read_token(routing.config["SECRET_KEY"], good.json["token"])
    assert (staff.email, staff.roles) == ("karen@gentofte.dk", ("coordinator",))
    bad = client.post("/api/v1/auth/token", json={"email": "karen@gentofte.dk", "password": "x"})
    assert bad.status_code == 401
    missing = client.post("/api/v1/auth/token", json={"email": "karen@gentofte.dk"})
    assert missing.status_code == 422
    assert "password" in missing.json["errors"]["json"]


def test_cases_are_listed_with_filters(routing, db, staff):
    agent, headers = staff("agent")
    first = make_case(db, tracking_code="AAAA-AAAA")
    make_case(db, tracking_code="CCCC-CCCC")
    client = routing.test_client()
    listed = client.get("/api/v1/cases", headers=headers).json
    assert {c["tracking_code"] for c in listed} == {"AAAA-AAAA", "CCCC-CCCC"}
    [only] = client.get("/api/v1/cases?tracking_code=aaaa-aaaa", headers=headers).json
    assert only["id"] == first
    mine = client.get(f"/api/v1/cases?assignee={agent.id}", headers=headers).json
    assert len(mine) == 2  # the only agent got both
    assert client.get("/api/v1/cases?status=declined", headers=headers).json == []
    wrong = client.get("/api/v1/cases?status=nonsense", headers=headers)
    assert wrong.status_code == 422 and "status" in wrong.json["errors"]["query"]


def test_a_case_shows_status_assignee_deadline_and_history_and_is_audited(routing, db, staff):
    agent, headers = staff("agent")
    case_id = make_case(db)
    body = routing.test_client().get(f"/api/v1/cases/{case_id}", headers=headers).json
    assert body["status"] == "assigned"
    assert body["assignee"]["id"] == agent.id
    assert body["first_response_due"].startswith("2026-11-30T23:00:00")
    assert [h["kind"] for h in body["history"]] == ["submitted", "assigned"]
    assert body["initiator"]["email"] == "anna.jensen@example.dk"
    with db.transaction() as session:
        [entry] = session.scalars(select(AuditEntry))
        assert (entry.staff_id, entry.action, entry.case_id) == (agent.id, "open_case", case_id)
    assert routing.test_client().get("/api/v1/cases/nope", headers=headers).status_code == 404


def transition(routing, case_id, headers, **body):
    return routing.test_client().post(
        f"/api/v1/cases/{case_id}/transitions", json=body, headers=headers
    )


def test_the_first_answer_moves_the_case_stops_the_clock_and_carries_the_message(
    routing, db, staff, clock
):
    agent, headers = staff("agent")
    case_id = make_case(db)
    answered = transition(
        routing, case_id, headers, to="in_dialogue", message=MESSAGE, note="Ring efter kl. 16."
    )
    assert answered.status_code == 200
    assert answered.json["status"] == "in_dialogue"
    assert answered.json["sla"] == "answered"
    kinds = [h["kind"] for h in answered.json["history"]]
    assert kinds[-3:] == ["status_changed", "message", "note"]
    [event] = outbox(db, "case.status_changed")
    assert event.data["from"] == "assigned" and event.data["to"] == "in_dialogue"
    assert event.data["message"] == MESSAGE
    assert "Ring efter" not in event.to_json()  # the internal note stays inside
    assert event.data["agent"]["id"] == agent.id
    [case] = cases(db)
    assert case.first_response_at == clock.now


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"to": "in_dialogue"}, "message"),
        ({"to": "declined", "message": "Nej tak."}, "message"),
        ({"to": "realised", "message": MESSAGE}, "to"),
        ({"to": "flying", "message": MESSAGE}, "to"),
        ({"message": MESSAGE}, "to"),
    ],
)
def test_bad_transitions_name_the_field_and_change_nothing(routing, db, staff, body, field):
    _, headers = staff("agent")
    case_id = make_case(db)
    before = len(outbox(db))
    refused = transition(routing, case_id, headers, **body)
    assert refused.status_code == 422
    assert field in refused.json["errors"]["json"]
    assert len(outbox(db)) == before
    [case] = cases(db)
    assert case.status == "assigned" and case.first_response_at is None


def test_a_decline_with_a_real_reason_is_accepted(routing, db, staff):
    _, headers = staff("agent")
    case_id = make_case(db)
    assert transition(routing, case_id, headers, to="declined", message=REASON).status_code == 200
    [event] = outbox(db, "case.status_changed")
    assert event.data["to"] == "declined" and event.data["message"] == REASON


def test_only_the_assigned_agent_or_a_coordinator_moves_a_case(routing, db, staff):
    staff("agent")
    case_id = make_case(db)
    _, other = staff("agent", areas=["andet"])
    assert transition(routing, case_id, other, to="in_dialogue", message=MESSAGE).status_code == 403
    _, coordinator = staff("coordinator")
    ok = transition(routing, case_id, coordinator, to="in_dialogue", message=MESSAGE)
    assert ok.status_code == 200


def publish(routing, case_id, headers, **body):
    return routing.test_client().post(
        f"/api/v1/cases/{case_id}/publish", json=body, headers=headers
    )


def test_publication_needs_consent_and_a_screened_summary(routing, db, staff):
    _, headers = staff("agent")
    without = make_case(db, consent={"contact": True, "publish": False})
    summary = "En bytte-reol på hovedbiblioteket, hvor naboer bytter bøger og spil."
    assert publish(routing, without, headers, summary=summary).status_code == 409
    with_consent = make_case(db)
    short = publish(routing, with_consent, headers, summary="kort")
    assert short.status_code == 422 and "summary" in short.json["errors"]["json"]
    assert outbox(db, "case.published") == []
    done = publish(routing, with_consent, headers, summary=summary)
    assert done.status_code == 200 and done.json["published_at"]
    [event] = outbox(db, "case.published")
    assert event.data["summary"] == summary
    assert "anna" not in event.to_json().lower()  # no personal data of the initiator
    assert publish(routing, with_consent, headers, summary=summary).status_code == 409


def test_the_public_directory_and_admins_creating_agents(routing, db, staff):
    _, admin = staff("admin")
    _, agent_headers = staff("agent", name="Agnete Holm", phone="39 98 00 01")
    client = routing.test_client()
    body = {"name": "Bent Bro", "email": "bebr@gentofte.dk", "areas": ["by-og-trafik"]}
    assert client.post("/api/v1/agents", json=body, headers=agent_headers).status_code == 403
    created = client.post("/api/v1/agents", json=body, headers=admin)
    assert created.status_code == 201
    assert created.json["team"] == "by-og-miljoe"
    assert client.post("/api/v1/agents", json=body, headers=admin).status_code == 409
    bad = client.post("/api/v1/agents", json=body | {"areas": ["mars"]}, headers=admin)
    assert bad.status_code == 422 and "areas" in bad.json["errors"]["json"]
    directory = client.get("/api/v1/agents").json
    assert {a["name"] for a in directory} == {"Agnete Holm", "Bent Bro"}
    assert set(directory[0]) == {"id", "name", "title", "team", "areas", "email", "phone"}


def test_erasure_publishes_the_request_and_erases_routings_copy(routing, db, staff):
    coordinator, headers = staff("coordinator")
    make_case(db, tracking_code="EEEE-EEEE")
    make_case(db, tracking_code="FFFF-FFFF", initiator={"name": "Ole", "email": "ole@example.dk"})
    client = routing.test_client()
    answer = client.post(
        "/api/v1/privacy/erasure", json={"email": "ANNA.JENSEN@example.dk"}, headers=headers
    )
    assert answer.status_code == 202
    assert answer.json["tracking_codes"] == ["EEEE-EEEE"]
    [event] = outbox(db, "person.erasure_requested")
    assert event.data["tracking_codes"] == ["EEEE-EEEE"]
    assert event.data["requested_by"] == coordinator.id
    with db.transaction() as session:
        erased = session.scalar(select(Case).where(Case.tracking_code == "EEEE-EEEE"))
        kept = session.scalar(select(Case).where(Case.tracking_code == "FFFF-FFFF"))
        assert (erased.initiator_name, erased.initiator_email, erased.initiator_phone) == (
            None,
            None,
            None,
        )
        assert kept.initiator_email == "ole@example.dk"
    neither = client.post("/api/v1/privacy/erasure", json={}, headers=headers)
    assert neither.status_code == 422 and "email" in neither.json["errors"]["json"]


def test_access_exports_routings_data_and_asks_the_others(routing, db, staff):
    _, headers = staff("coordinator")
    make_case(db, tracking_code="GGGG-GGGG")
    answer = routing.test_client().post(
        "/api/v1/privacy/access", json={"tracking_code": "gggg-gggg"}, headers=headers
    )
    assert answer.status_code == 202
    [data] = answer.json["data"]
    assert data["initiator"]["email"] == "anna.jensen@example.dk"
    [event] = outbox(db, "person.access_requested")
    assert event.data["tracking_codes"] == ["GGGG-GGGG"]
    [report] = outbox(db, "person.data_reported")
    assert report.data["kind"] == "access" and report.data["summary"] == {"cases": 1}
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 1


def test_breached_and_at_risk_cases_come_first(routing, db, staff, clock):
    _, headers = staff("agent")
    make_case(db, tracking_code="NNNN-NNNN")  # submitted now: plenty of time
    make_case(db, tracking_code="RRRR-RRRR", submitted_at="2026-11-16T09:00:00+00:00")
    make_case(db, tracking_code="BBBB-BBBB", submitted_at="2026-11-09T09:00:00+00:00")
    listed = routing.test_client().get("/api/v1/cases", headers=headers).json
    assert [(c["tracking_code"], c["sla"]) for c in listed] == [
        ("BBBB-BBBB", "breached"),
        ("RRRR-RRRR", "at_risk"),
        ("NNNN-NNNN", "ok"),
    ]

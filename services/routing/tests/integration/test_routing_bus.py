"""From `idea.submitted` on the real broker to a case and `case.assigned`; the SLA clock's events."""

from datetime import timedelta

from sammen.contracts import IdeaSubmitted
from sammen.routing.jobs import run_sla_clock
from sammen.testing import publish_event, wait_for
from sammen.testing.events import data_reported, envelope, idea_joined

from .conftest import THEME, cases, submitted


def test_an_idea_becomes_one_case_assigned_to_the_least_loaded_agent(
    routing, db, staff, worker, tap, amqp_url
):
    busy, _ = staff("agent", name="Bo Travl")
    free, _ = staff("agent", name="Frida Fri", phone="39 98 00 00")
    staff("agent", areas=["andet"], name="Anden Agent")
    assigned = tap("case.assigned")
    publish_event(amqp_url, submitted(title="Første idé"))
    [first] = assigned.wait_for("case.assigned")
    # Bo has the lower id, so the tie went to him; now Frida carries less.
    assert first.data["agent"]["id"] == busy.id
    idea = submitted(title="Anden idé")
    publish_event(amqp_url, idea)
    [_, second] = assigned.wait_for("case.assigned", count=2)
    assert second.subject == second.data["case_id"]
    assert second.data["agent"] == {
        "id": free.id,
        "name": "Frida Fri",
        "email": free.email,
        "phone": "39 98 00 00",
    }
    assert second.data["tracking_code"] == idea.data["tracking_code"]
    assert second.data["status"] == "assigned"
    assert second.data["reassigned"] is False
    assert second.data["first_response_due"] == "2026-11-30T23:00:00Z"
    [case] = [c for c in cases(db) if c.idea_id == idea.data["idea_id"]]
    assert case.initiator_email == "anna.jensen@example.dk"
    assert case.team == "kultur-og-fritid"


def test_a_redelivered_or_repeated_idea_makes_no_second_case(
    routing, db, staff, worker, tap, amqp_url
):
    staff("agent")
    assigned = tap("case.assigned")
    idea = submitted()
    publish_event(amqp_url, idea)
    publish_event(amqp_url, idea)  # the broker redelivers the same event
    # Intake's outbox could even publish the same idea under a new event id.
    again = envelope(IdeaSubmitted.from_event(idea))
    publish_event(amqp_url, again)
    assigned.wait_for("case.assigned")
    wait_for(
        lambda: worker.consumer.ready.is_set() and _processed(db) == 2, what="both ids handled"
    )
    assert len(cases(db)) == 1
    assert len(assigned.of_type("case.assigned")) == 1


def _processed(db):
    from sqlalchemy import func, select

    from sammen.bus.outbox import processed_table

    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(processed_table))


def test_without_an_available_agent_the_case_waits_for_the_coordinators(
    routing, db, staff, worker, tap, amqp_url
):
    agent, _ = staff("agent")
    with db.transaction() as session:
        from sammen.routing.models import StaffAccount

        session.get(StaffAccount, agent.id).available = False  # marked absent
    everything = tap("case.*")
    publish_event(amqp_url, submitted())
    wait_for(lambda: cases(db), what="the case")
    [case] = cases(db)
    assert (case.status, case.assignee_id) == ("received", None)
    assert everything.of_type("case.assigned") == []


def test_sla_events_are_published_once_each_as_time_moves(
    routing, db, staff, worker, tap, amqp_url, clock
):
    agent, _ = staff("agent")
    coordinator, _ = staff("coordinator", name="Karen Koordinator")
    sla = tap("case.sla_at_risk", "case.sla_breached")
    publish_event(amqp_url, submitted())  # Monday 23 Nov, due end of Monday 30 Nov
    wait_for(lambda: cases(db), what="the case")
    clock.now = clock.now + timedelta(days=3)  # Thursday: fine
    assert run_sla_clock(db, clock) == (0, 0)
    clock.now = clock.now + timedelta(days=2)  # Saturday: one working day left
    assert run_sla_clock(db, clock) == (1, 0)
    assert run_sla_clock(db, clock) == (0, 0)
    [at_risk] = sla.wait_for("case.sla_at_risk")
    assert at_risk.data["agent"] == {"id": agent.id, "name": agent.name, "email": agent.email}
    clock.now = clock.now + timedelta(days=3)  # Tuesday 1 Dec: breached
    assert run_sla_clock(db, clock) == (0, 1)
    clock.now = clock.now + timedelta(days=1)
    assert run_sla_clock(db, clock) == (0, 0)
    [breached] = sla.wait_for("case.sla_breached")
    assert breached.data["coordinators"] == [
        {"name": "Karen Koordinator", "email": coordinator.email}
    ]
    assert len(sla.of_type("case.sla_at_risk")) == 1
    assert len(sla.of_type("case.sla_breached")) == 1


def test_an_answered_case_stops_the_clock(routing, db, staff, worker, amqp_url, clock):
    _, headers = staff("agent")
    publish_event(amqp_url, submitted())
    wait_for(lambda: cases(db), what="the case")
    [case] = cases(db)
    answer = {"to": "in_dialogue", "message": "Tak for idéen, jeg ringer dig op i morgen."}
    client = routing.test_client()
    assert (
        client.post(
            f"/api/v1/cases/{case.id}/transitions", json=answer, headers=headers
        ).status_code
        == 200
    )
    clock.now = clock.now + timedelta(days=30)
    assert run_sla_clock(db, clock) == (0, 0)


def test_an_offer_of_help_from_the_idea_board_joins_the_timeline(
    routing, db, staff, worker, amqp_url
):
    staff("agent")
    publish_event(amqp_url, submitted())
    wait_for(lambda: cases(db), what="the case")
    [case] = cases(db)
    offer = envelope(idea_joined(case_id=case.id, offer="help", message="Jeg har en reol."))
    publish_event(amqp_url, offer)

    def dialogue_entries():
        with db.transaction() as session:
            from sammen.routing.models import Case

            return [e.text for e in session.get(Case, case.id).entries if e.kind == "dialogue"]

    assert wait_for(dialogue_entries, what="the offer") == ["help: Jeg har en reol."]
    assert case.theme == THEME


def test_every_services_privacy_report_is_collected_under_its_request(
    routing, db, staff, worker, amqp_url
):
    _, headers = staff("coordinator")
    client = routing.test_client()
    request = client.post(
        "/api/v1/privacy/erasure", json={"email": "x@example.dk"}, headers=headers
    )
    request_id = request.json["request_id"]
    for service in ("intake", "notify"):
        report = data_reported(request_id=request_id, service=service, summary={"contacts": 1})
        event = envelope(report, service=service)
        publish_event(amqp_url, event)
        publish_event(amqp_url, event)  # a redelivery adds nothing

    def reports():
        answer = client.get(f"/api/v1/privacy/requests/{request_id}", headers=headers)
        return answer.status_code == 200 and len(answer.json["reports"]) == 3 and answer.json

    found = wait_for(reports, what="routing's, intake's and notify's reports")
    by_service = {r["service"]: r for r in found["reports"]}
    assert set(by_service) == {"intake", "notify", "routing"}
    assert by_service["intake"]["summary"] == {"contacts": 1}
    assert "journaliseringspligt" in by_service["routing"]["kept"]
    missing = client.get("/api/v1/privacy/requests/nothing", headers=headers)
    assert missing.status_code == 404

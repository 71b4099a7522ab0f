"""HTTP in, event out — and case events back in — through the real broker."""

import pytest

from sammen.bus.worker import Worker
from sammen.contracts import Responsible
from sammen.intake import handlers
from sammen.testing import (
    TcpProxy,
    broker_url_through,
    privacy_request,
    publish_event,
    running_worker,
    wait_for,
    wired_worker,
)
from sammen.testing.events import FACTORIES, agent, envelope

from .conftest import AUTH, idea_body


@pytest.fixture
def worker(intake):
    with running_worker(wired_worker(handlers, intake)) as w:
        yield w


def test_a_posted_idea_becomes_an_idea_submitted_event(intake, worker, tap):
    events = tap("idea.submitted")
    created = intake.test_client().post("/api/v1/ideas", json=idea_body(), headers=AUTH).json
    [event] = events.wait_for("idea.submitted")
    assert event.subject == created["id"]
    assert event.source == "/sammen/intake"
    assert event.data["tracking_code"] == created["tracking_code"]
    assert event.data["status_url"] == created["status_url"]
    assert event.data["consent"] == {"contact": True, "publish": True}


def case_event(type_, created, **changes):
    """Routing's event of `type_` about the case of the idea intake `created`."""
    ids = {"case_id": "case-1", "idea_id": created["id"], "tracking_code": created["tracking_code"]}
    return envelope(FACTORIES[type_](**ids, **changes))


def status(intake, code):
    return intake.test_client().get(f"/api/v1/ideas/{code}").json


def test_the_status_page_follows_the_case_events(intake, worker, amqp_url):
    created = intake.test_client().post("/api/v1/ideas", json=idea_body(), headers=AUTH).json
    code = created["tracking_code"]
    holm = agent(id=3, name="Agnete Holm", email="agho@gentofte.dk", phone="39 98 00 00")
    publish_event(amqp_url, case_event("case.assigned", created, agent=holm, status="assigned"))
    wait_for(lambda: status(intake, code)["status"] == "assigned", what="assigned")
    assert status(intake, code)["agent"] == {
        "name": "Agnete Holm",
        "email": "agho@gentofte.dk",
        "phone": "39 98 00 00",
    }
    answer = case_event(
        "case.status_changed", created, to="in_dialogue", message="Lad os mødes på biblioteket."
    )
    publish_event(amqp_url, answer)
    publish_event(amqp_url, answer)  # redelivered: no second line
    wait_for(lambda: status(intake, code)["status"] == "in_dialogue", what="in dialogue")
    publish_event(amqp_url, case_event("case.status_changed", created, to="trial", message=None))
    wait_for(lambda: status(intake, code)["status"] == "trial", what="trial")
    messages = [line["message"] for line in status(intake, code)["history"]]
    assert messages.count("Lad os mødes på biblioteket.") == 1
    page = intake.test_client().get(f"/status/{code}").get_data(as_text=True)
    assert "Agnete Holm" in page and "Lad os mødes på biblioteket." in page


def test_ideas_posted_while_the_broker_is_away_are_all_published_once_it_is_back(
    service_env, database_url, amqp_url, tap
):
    proxy = TcpProxy("127.0.0.1", 5672)
    service_env("intake", database_url, AMQP_URL=broker_url_through(proxy, amqp_url))
    from sammen.intake.app import create_app

    app = create_app()
    events = tap("idea.submitted")
    worker = Worker(app.config["SAMMEN_SETTINGS"], app.config["SAMMEN_DATABASE"], [])
    with running_worker(worker):
        proxy.cut()
        codes = []
        for n in range(15):
            response = app.test_client().post(
                "/api/v1/ideas", json=idea_body(title=f"Idé nummer {n}"), headers=AUTH
            )
            assert response.status_code == 201  # the citizen never waits on the broker
            codes.append(response.json["tracking_code"])
        assert app.test_client().get("/readyz").status_code == 503
        proxy.restore()
        published = events.wait_for("idea.submitted", count=15, timeout=30)
    assert sorted(e.data["tracking_code"] for e in published) == sorted(codes)
    assert len(events.of_type("idea.submitted")) == 15  # none twice
    proxy.close()


def test_an_erasure_request_removes_the_initiators_contact(intake, worker, amqp_url, tap):
    reports = tap("person.data_reported")
    created = intake.test_client().post("/api/v1/ideas", json=idea_body(), headers=AUTH).json
    publish_event(
        amqp_url,
        privacy_request("erasure", "req-1", "ANNA.JENSEN@example.dk"),
    )
    from sammen.intake.models import Idea

    def erased():
        with intake.config["SAMMEN_DATABASE"].transaction() as session:
            idea = session.get(Idea, created["id"])
            return idea.erased_at is not None and idea

    idea = wait_for(erased, what="the erasure")
    assert (idea.initiator_name, idea.initiator_email, idea.initiator_phone) == (None, None, None)
    assert status(intake, created["tracking_code"])["title"] == "Bytte-reol på biblioteket"
    [report] = reports.wait_for("person.data_reported")
    assert report.data == {
        "request_id": "req-1",
        "service": "intake",
        "kind": "erasure",
        "summary": {"ideas": 1},
    }


def test_an_access_request_is_answered_with_the_ideas_and_contact(intake, worker, amqp_url, tap):
    reports = tap("person.data_reported")
    created = intake.test_client().post("/api/v1/ideas", json=idea_body(), headers=AUTH).json
    intake.test_client().post(
        "/api/v1/ideas",
        json=idea_body(initiator={"name": "Else Holm", "email": "else@example.dk"}),
        headers=AUTH,
    )
    publish_event(
        amqp_url,
        privacy_request("access", "req-2", "Anna.Jensen@example.dk"),
    )
    [report] = reports.wait_for("person.data_reported")
    assert (report.subject, report.data["kind"], report.data["summary"]) == (
        "req-2",
        "access",
        {"ideas": 1},
    )
    [idea] = report.data["data"]["ideas"]
    assert idea["tracking_code"] == created["tracking_code"]
    assert (idea["name"], idea["email"]) == ("Anna Jensen", "anna.jensen@example.dk")


def test_a_hand_over_shows_who_is_responsible_but_never_their_email(intake, worker, amqp_url):
    created = intake.test_client().post("/api/v1/ideas", json=idea_body(), headers=AUTH).json
    code = created["tracking_code"]
    library = Responsible(
        unit="Gentofte Bibliotekerne", name="Ida Bog", email="ida.bog@gentofte.dk"
    )
    handed = case_event(
        "case.status_changed",
        created,
        to="handed_over",
        message="Biblioteket tager over herfra.",
        responsible=library,
    )
    publish_event(amqp_url, handed)
    wait_for(lambda: status(intake, code)["status"] == "handed_over", what="handed over")
    assert status(intake, code)["responsible"] == {
        "unit": "Gentofte Bibliotekerne",
        "name": "Ida Bog",
    }
    client = intake.test_client()
    danish = client.get(f"/status/{code}").get_data(as_text=True)
    assert 'id="ansvarlig-titel">Ansvarlig<' in danish and "Gentofte Bibliotekerne" in danish
    assert "Ida Bog" in danish and "ida.bog@" not in danish
    english = client.get(f"/status/{code}?lang=en").get_data(as_text=True)
    assert 'id="ansvarlig-titel">Responsible<' in english
    assert "The idea has been handed over to:" in english and "ida.bog@" not in english
    # A later move without a new owner keeps the last one; a later hand-over moves it.
    publish_event(amqp_url, case_event("case.status_changed", created, to="trial", message=None))
    wait_for(lambda: status(intake, code)["status"] == "trial", what="trial")
    assert status(intake, code)["responsible"]["unit"] == "Gentofte Bibliotekerne"
    culture = Responsible(unit="Kultur og Fritid", name=None, email=None)
    again = case_event(
        "case.status_changed", created, to="handed_over", message="Videre.", responsible=culture
    )
    publish_event(amqp_url, again)
    wait_for(
        lambda: (status(intake, code)["responsible"] or {}).get("unit") == "Kultur og Fritid",
        what="the new owner",
    )
    assert status(intake, code)["responsible"] == {"unit": "Kultur og Fritid", "name": None}

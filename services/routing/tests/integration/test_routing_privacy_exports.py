"""Access exports are kept only as long as they must be: an erasure or a month ends them."""

from datetime import timedelta

from sammen import privacy
from sammen.contracts import DataReported
from sammen.routing.privacy_requests import drop_old_exports, privacy_reports, record_privacy_report

from .conftest import make_case, outbox


def _ask(routing, headers, kind, body):
    answer = routing.test_client().post(f"/api/v1/privacy/{kind}", json=body, headers=headers)
    assert answer.status_code == 202, answer.json
    return answer.json["request_id"]


def _exports(db, request_id):
    with db.transaction() as session:
        return [r["data"] for r in privacy_reports(session, request_id) if r["kind"] == "access"]


def test_an_erasure_drops_the_persons_earlier_exports_and_no_one_elses(routing, db, staff):
    _, headers = staff("coordinator")
    make_case(db, tracking_code="AAAA-AAAA")
    make_case(db, tracking_code="OOOO-OOOO", initiator={"name": "Ole", "email": "ole@example.dk"})
    annas = _ask(routing, headers, "access", {"email": "anna.jensen@example.dk"})
    oles = _ask(routing, headers, "access", {"tracking_code": "OOOO-OOOO"})
    assert _exports(db, annas) and _exports(db, annas)[0]

    erasure = _ask(routing, headers, "erasure", {"email": "Anna.Jensen@example.dk"})

    assert _exports(db, annas) == [None]
    [ole] = _exports(db, oles)
    assert ole[0]["initiator"]["email"] == "ole@example.dk"
    [report] = [e for e in outbox(db, "person.data_reported") if e.subject == erasure]
    assert report.data["summary"] == {"cases": 1, "exports": 1}
    assert "journaliseringspligt" in report.data["kept"]


def test_exports_are_dropped_a_month_after_they_came(routing, db, staff, clock):
    _, headers = staff("coordinator")
    make_case(db, tracking_code="AAAA-AAAA")
    request_id = _ask(routing, headers, "access", {"tracking_code": "AAAA-AAAA"})
    now = clock.now  # when the request was made, and its export came
    with db.transaction() as session:
        assert drop_old_exports(session, now + timedelta(days=30)) == 0
    assert _exports(db, request_id)[0]
    with db.transaction() as session:
        assert drop_old_exports(session, now + timedelta(days=32)) == 1
    assert _exports(db, request_id) == [None]


def test_an_erasure_drops_every_export_of_the_persons_requests(routing, db, staff):
    """An access request is about one person: a service's export that names them by neither
    address nor tracking code (the hub's excerpts of what they wrote) goes with the rest."""
    _, headers = staff("coordinator")
    make_case(db, tracking_code="AAAA-AAAA")
    make_case(db, tracking_code="OOOO-OOOO", initiator={"name": "Ole", "email": "ole@example.dk"})
    annas = _ask(routing, headers, "access", {"email": "anna.jensen@example.dk"})
    oles = _ask(routing, headers, "access", {"tracking_code": "OOOO-OOOO"})
    excerpts = {"contributions": [{"excerpt": "Hilsen Anna Jensen"}]}
    with db.transaction() as session:
        for request_id in (annas, oles):
            report = privacy.report(
                session, "dialogue", request_id, "access", {"contributions": 1}, data=excerpts
            )
            record_privacy_report(session, DataReported.from_event(report))

    _ask(routing, headers, "erasure", {"email": "anna.jensen@example.dk"})

    assert _exports(db, annas) == [None, None]
    assert all(_exports(db, oles))  # Ole's request, though the hub's export names Anna

"""The staff page for citizens' privacy requests: the form, the request's reports, the export."""

import json

from sqlalchemy import select

from sammen.privacy import HOLDERS
from sammen.routing.models import AuditEntry, Case

from .conftest import browser, hidden, make_case, outbox

OTHER_SERVICES = (
    "Idéer",
    "Beskeder",
    "Kalender",
    "Moderering (digital dialog)",
    "Idébanken",
    "Høringer",
    "Temadrøftelser",
    "Følg realiseringen",
)
# Every holder of personal data but routing, which answers at once.
AWAITED = [service for service in HOLDERS if service != "routing"]


def _post(client, **form):
    token = hidden(client.get("/persondata").get_data(as_text=True), "csrf_token")
    return client.post("/persondata", data={"csrf_token": token, **form})


def _person_events(db):
    return [e for e in outbox(db) if e.type.startswith("person.")]


def _audit(db):
    with db.transaction() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def _row(page, service):
    """The table row of one service, by its id."""
    start = page.index(f'id="svar-{service}"')
    return page[start : page.index("</tr>", start)]


def test_the_form_names_the_field_at_fault_and_stores_nothing(routing, db, staff):
    coordinator, _ = staff("coordinator")
    make_case(db, tracking_code="AAAA-AAAA")
    client = browser(routing, coordinator)
    form = client.get("/persondata").get_data(as_text=True)
    assert "journaliseringspligt" in form and 'name="kind"' in form
    refusals = {
        "email": [
            {"kind": "access"},  # neither
            {"kind": "access", "email": "ikke-en-adresse"},
        ],
        "tracking_code": [
            {"kind": "access", "email": "anna.jensen@example.dk", "tracking_code": "AAAA-AAAA"},
            {"kind": "access", "tracking_code": "AAA"},
        ],
        "kind": [{"tracking_code": "AAAA-AAAA"}, {"tracking_code": "AAAA-AAAA", "kind": "x"}],
    }
    labels = {"email": "Borgerens e-mail", "tracking_code": "Sporingskode", "kind": "Borgeren"}
    for field, forms in refusals.items():
        for data in forms:
            answer = _post(client, **data)
            assert answer.status_code == 422, (field, data)
            page = answer.get_data(as_text=True)
            assert f'href="#felt-{field}">{labels[field]}' in page, (field, data)
            assert 'aria-invalid="true"' in page or 'aria-describedby="fejl-kind"' in page
    assert _person_events(db) == []
    assert _audit(db) == []


def test_an_access_request_on_the_page_from_form_to_export(routing, db, staff):
    coordinator, _ = staff("coordinator")
    make_case(db, tracking_code="AAAA-AAAA")
    client = browser(routing, coordinator)
    made = _post(client, kind="access", tracking_code="aaaa aaaa")  # as read aloud
    assert made.status_code == 303
    request_path = made.location
    request_id = request_path.rsplit("/", 1)[1]
    [asked] = outbox(db, "person.access_requested")
    assert asked.subject == request_id and asked.data["tracking_codes"] == ["AAAA-AAAA"]

    # Routing answers in the request's own transaction; the other services a moment later.
    pending = client.get(request_path).get_data(as_text=True)
    assert "Anmodningen om indsigt er sendt til alle tjenester." in pending
    assert 'id="opdater"' in pending
    colleague, _ = staff("coordinator")
    assert browser(routing, colleague).get(request_path).status_code == 200
    assert browser(routing, colleague).get("/persondata/ukendt-anmodning").status_code == 404

    shown = client.get(request_path).get_data(as_text=True)
    routing_row = _row(shown, "routing")
    assert "Sager" in routing_row and "Svaret" in routing_row and "Sager: 1" in routing_row
    assert "Afventer svar" not in routing_row
    for name in OTHER_SERVICES:
        assert name in shown
    assert shown.count("Afventer svar") == len(AWAITED) == len(HOLDERS) - 1
    assert f"{len(AWAITED)} tjenester har ikke svaret endnu." in shown

    download = client.get(f"{request_path}/udtraek.json")
    assert download.status_code == 200 and download.mimetype == "application/json"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    export = json.loads(download.get_data(as_text=True))
    assert export["request_id"] == request_id
    [report] = export["reports"]
    assert report["service"] == "routing" and report["summary"] == {"cases": 1}
    assert report["data"][0]["initiator"]["email"] == "anna.jensen@example.dk"
    assert export["awaiting"] == AWAITED
    # The access itself, three openings of the reports (the colleague's too), the download.
    assert _audit(db) == ["privacy_access", *["privacy_report"] * 3, "privacy_export"]


def test_an_erasure_needs_the_confirmation_and_keeps_the_case(routing, db, staff):
    coordinator, _ = staff("coordinator")
    case_id = make_case(db, tracking_code="EEEE-EEEE")
    client = browser(routing, coordinator)
    refused = _post(client, kind="erasure", email="anna.jensen@example.dk")
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert 'href="#felt-confirm"' in page and "kan ikke fortrydes" in page
    assert _person_events(db) == []
    with db.transaction() as session:
        assert session.get(Case, case_id).initiator_email == "anna.jensen@example.dk"

    made = _post(client, kind="erasure", email="Anna.Jensen@example.dk", confirm="ja")
    assert made.status_code == 303
    [asked] = outbox(db, "person.erasure_requested")
    assert asked.data["tracking_codes"] == ["EEEE-EEEE"]
    with db.transaction() as session:
        case = session.get(Case, case_id)
        assert case.initiator_email is None and case.title  # the case itself is kept
    shown = client.get(made.location).get_data(as_text=True)
    assert "Anmodning om sletning" in shown
    assert "Sager: 1, Tidligere udtræk: 0" in _row(shown, "routing")
    assert "journaliseringspligt for sine sager" in _row(shown, "routing")
    assert 'id="hent-udtraek"' not in shown
    assert client.get(f"{made.location}/udtraek.json").status_code == 404


def test_the_page_in_english_translates_what_routing_kept(routing, db, staff):
    coordinator, _ = staff("coordinator")
    client = browser(routing, coordinator)
    made = _post(client, kind="erasure", tracking_code="EEEE-EEEE", confirm="ja")
    shown = client.get(f"{made.location}?lang=en").get_data(as_text=True)
    assert "Awaiting reply" in shown and "journalise" in shown
    assert "journaliseringspligt for sine sager" not in shown


def test_only_privacy_roles_reach_the_pages_and_see_the_link(routing, db, staff):
    agent, _ = staff("agent")
    coordinator, _ = staff("coordinator")
    client = browser(routing, agent)
    for path in ("/persondata", "/persondata/x", "/persondata/x/udtraek.json"):
        assert client.get(path).status_code == 403, path
    token = hidden(client.get("/indbakke").get_data(as_text=True), "csrf_token")
    refused = client.post("/persondata", data={"csrf_token": token, "tracking_code": "AAAA-AAAA"})
    assert refused.status_code == 403
    assert 'id="nav-persondata"' not in client.get("/indbakke").get_data(as_text=True)
    coordinators = browser(routing, coordinator)
    assert 'id="nav-persondata"' in coordinators.get("/indbakke").get_data(as_text=True)
    assert coordinators.get("/persondata/findes-ikke").status_code == 404
    assert coordinators.get("/persondata/findes-ikke/udtraek.json").status_code == 404
    assert _person_events(db) == [] and _audit(db) == []

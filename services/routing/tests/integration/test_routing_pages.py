"""The staff UI: login, CSRF, the inbox, the case page and its forms, coordinators' views."""

from datetime import timedelta

from sammen.auth import STAFF_COOKIE, read_token
from sammen.routing.models import Association, StaffAccount

from .conftest import (
    PASSWORD,
    THEME,
    browser,
    cases,
    hidden,
    make_case,
    outbox,
    password_account,
    routing_app,
)

AGENT_EMAIL = "agent@gentofte.dk"
MESSAGE = "Tak for din idé! Jeg ringer dig op i morgen, så vi kan tale om den."
REASON = "Kommunen må ikke drive caféen selv, fordi den vil konkurrere med lokale erhvervsdrivende."


def _account(db) -> None:
    password_account(db, AGENT_EMAIL, areas=[THEME])


def _login(client, email=AGENT_EMAIL, password=PASSWORD, next_url=""):
    page = client.get(f"/login?next={next_url}").get_data(as_text=True)
    form = {"csrf_token": hidden(page, "csrf_token"), "email": email, "password": password}
    form["next"] = hidden(page, "next")
    return client.post("/login", data=form)


def test_login_sets_a_secure_httponly_lax_cookie_and_goes_back(monkeypatch, tmp_path, database_url):
    app = routing_app(
        monkeypatch, database_url, "amqp://unused/", tmp_path, SAMMEN_COOKIE_SECURE="1"
    )
    _account(app.config["SAMMEN_DATABASE"])
    client = app.test_client()
    answer = _login(client, next_url="http://localhost:8004/medarbejder")
    assert answer.status_code == 303
    assert answer.location == "http://localhost:8004/medarbejder"  # another service's page
    cookie = answer.headers["Set-Cookie"]
    assert cookie.startswith(f"{STAFF_COOKIE}=")
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    assert read_token(app.config["SECRET_KEY"], token).roles == ("agent",)
    app.config["SAMMEN_DATABASE"].dispose()


def test_login_never_redirects_off_site(routing, db):
    _account(db)
    answer = _login(routing.test_client(), next_url="https://evil.example/")
    assert answer.location == "/indbakke"


def test_a_wrong_password_is_refused_with_an_error_summary(routing, db):
    _account(db)
    answer = _login(routing.test_client(), password="forkert")
    assert answer.status_code == 401
    assert "E-mail eller adgangskode er forkert." in answer.get_data(as_text=True)
    assert "Set-Cookie" not in answer.headers or STAFF_COOKIE not in answer.headers["Set-Cookie"]


def test_a_login_without_the_csrf_token_is_refused(routing, db):
    _account(db)
    answer = routing.test_client().post("/login", data={"email": AGENT_EMAIL, "password": PASSWORD})
    assert answer.status_code == 400
    assert STAFF_COOKIE not in answer.headers.get("Set-Cookie", "")


def test_logins_are_rate_limited(monkeypatch, tmp_path):
    app = routing_app(
        monkeypatch,
        f"sqlite:///{tmp_path / 'r.sqlite3'}",
        "amqp://unused/",
        tmp_path,
        SAMMEN_RATE_LIMITS="on",
        ROUTING_LOGIN_RATE_LIMIT="2/minute",
    )
    client = app.test_client()
    body = {"email": "nobody@gentofte.dk", "password": "x"}
    codes = [client.post("/api/v1/auth/token", json=body).status_code for _ in range(3)]
    assert codes == [401, 401, 429]
    app.config["SAMMEN_DATABASE"].dispose()


def test_logout_clears_the_cookie(routing, db, staff):
    agent, _ = staff("agent")
    client = browser(routing, agent)
    page = client.get("/indbakke").get_data(as_text=True)
    answer = client.post("/logout", data={"csrf_token": hidden(page, "csrf_token")})
    assert answer.status_code == 303
    assert f"{STAFF_COOKIE}=;" in answer.headers["Set-Cookie"]


def test_an_agents_day_in_the_ui(routing, db, staff, clock):
    agent, _ = staff("agent")
    first = make_case(db, title="Bytte-reol på biblioteket", tracking_code="AAAA-AAAA")
    second = make_case(db, title="Café i parken", tracking_code="CCCC-CCCC")
    client = browser(routing, agent)
    clock.now += timedelta(days=5)  # Saturday: one working day left on both
    inbox = client.get("/indbakke").get_data(as_text=True)
    assert "Bytte-reol på biblioteket" in inbox and "Café i parken" in inbox
    assert "Frist i fare" in inbox
    page = client.get(f"/sager/{first}").get_data(as_text=True)
    assert "anna.jensen@example.dk" in page and 'id="svar-form"' in page
    token = hidden(page, "csrf_token")
    answered = client.post(
        f"/sager/{first}/svar",
        data={"csrf_token": token, "to": "in_dialogue", "message": MESSAGE, "note": "Ring kl. 16"},
    )
    assert answered.status_code == 303
    shown = client.get(f"/sager/{first}").get_data(as_text=True)
    assert "Beskeden er sendt til initiativtageren." in shown
    assert MESSAGE in shown and "Ring kl. 16" in shown and "Besvaret" in shown
    # A decline without a real reason: the form comes back with the error, nothing sent.
    refused = client.post(
        f"/sager/{second}/svar", data={"csrf_token": token, "to": "declined", "message": "Nej."}
    )
    assert refused.status_code == 422
    text = refused.get_data(as_text=True)
    assert 'href="#felt-message"' in text and "begrundelse" in text
    declined = client.post(
        f"/sager/{second}/svar", data={"csrf_token": token, "to": "declined", "message": REASON}
    )
    assert declined.status_code == 303
    changes = outbox(db, "case.status_changed")
    assert [(e.data["tracking_code"], e.data["to"]) for e in changes] == [
        ("AAAA-AAAA", "in_dialogue"),
        ("CCCC-CCCC", "declined"),
    ]
    assert "Ring kl. 16" not in changes[0].to_json()


def test_forms_without_csrf_are_refused(routing, db, staff):
    agent, _ = staff("agent")
    case_id = make_case(db)
    answer = browser(routing, agent).post(
        f"/sager/{case_id}/svar", data={"to": "in_dialogue", "message": MESSAGE}
    )
    assert answer.status_code == 400
    assert outbox(db, "case.status_changed") == []


def test_notes_links_and_suggestions_on_the_case_page(routing, db, staff):
    agent, _ = staff("agent", areas=("kultur-og-fritid", "aeldre-og-seniorliv"))  # the case's agent
    case_id = make_case(db, title="Ny legeplads i Bernstorffsparken", theme="aeldre-og-seniorliv")
    make_case(
        db, title="Legepladsen i Bernstorffsparken trænger til gynger", tracking_code="LLLL-LLLL"
    )
    client = browser(routing, agent)
    page = client.get(f"/sager/{case_id}").get_data(as_text=True)
    assert "LLLL-LLLL" in page  # a similar idea
    assert "Seniorrådet" in page  # the council that fits the theme
    token = hidden(page, "csrf_token")
    client.post(f"/sager/{case_id}/note", data={"csrf_token": token, "note_text": "Kun internt"})
    client.post(
        f"/sager/{case_id}/kobling",
        data={"csrf_token": token, "kind": "case", "target_case": "llll-llll"},
    )
    client.post(
        f"/sager/{case_id}/kobling",
        data={"csrf_token": token, "kind": "council", "target_council": "seniorraadet"},
    )
    again = client.post(
        f"/sager/{case_id}/kobling",
        data={"csrf_token": token, "kind": "council", "target_council": "seniorraadet"},
    )
    assert again.status_code == 303  # linking twice changes nothing
    bad = client.post(
        f"/sager/{case_id}/kobling",
        data={"csrf_token": token, "kind": "council", "target_council": "byraadet"},
    )
    assert bad.status_code == 422 and 'href="#felt-target_council"' in bad.get_data(as_text=True)
    links = outbox(db, "case.linked")
    assert [e.data["link"]["kind"] for e in links] == ["case", "council"]
    assert links[1].data["link"] == {
        "kind": "council",
        "target": "seniorraadet",
        "label": "Seniorrådet",
        "email": None,
    }
    timeline = client.get(f"/sager/{case_id}").get_data(as_text=True)
    assert "Kun internt" in timeline and "Koblet til Seniorrådet" in timeline


def test_an_association_with_a_line_break_in_its_name_is_refused_and_not_stored(routing, db, staff):
    agent, _ = staff("agent")
    client = browser(routing, agent)
    token = hidden(client.get("/foreninger").get_data(as_text=True), "csrf_token")
    refused = client.post(
        "/foreninger",
        data={"csrf_token": token, "name": "Ordrup\r\nBoldklub", "contact": "ordrup@example.dk"},
    )
    assert refused.status_code == 422
    assert 'href="#felt-name"' in refused.get_data(as_text=True)
    with db.transaction() as session:
        assert (
            session.query(Association).filter(Association.contact == "ordrup@example.dk").count()
            == 0
        )


def test_coordinators_reassign_from_the_queue(routing, db, staff):
    case_id = make_case(db)  # nobody covers the theme yet: the coordinators' queue
    agent, _ = staff("agent")
    coordinator, _ = staff("coordinator")
    client = browser(routing, coordinator)
    queue = client.get("/indbakke?visning=ufordelt").get_data(as_text=True)
    assert "Bytte-reol" in queue
    token = hidden(queue, "csrf_token")
    answer = client.post(
        f"/sager/{case_id}/tildel", data={"csrf_token": token, "agent": str(agent.id)}
    )
    assert answer.status_code == 303
    [event] = outbox(db, "case.assigned")
    assert event.data["reassigned"] is True and event.data["agent"]["id"] == agent.id
    [case] = cases(db)
    assert (case.status, case.assignee_id) == ("assigned", agent.id)


def test_an_absent_agent_gets_no_new_cases(routing, db, staff):
    agent, _ = staff("agent")
    client = browser(routing, agent)
    token = hidden(client.get("/indbakke").get_data(as_text=True), "csrf_token")
    client.post("/fravaer", data={"csrf_token": token, "available": "nej"})
    with db.transaction() as session:
        assert session.get(StaffAccount, agent.id).available is False
    make_case(db)
    [case] = cases(db)
    assert case.assignee_id is None


def test_the_overview_and_the_reach_view(routing, db, staff, clock):
    _, headers = staff("agent")
    coordinator, _ = staff("coordinator")
    case_id = make_case(db, channel="deltag-bilen")
    make_case(db, initiator={"name": "Ung", "email": "ung@example.dk", "age_group": "under-18"})
    clock.now += timedelta(hours=2)
    routing.test_client().post(
        f"/api/v1/cases/{case_id}/transitions",
        json={"to": "in_dialogue", "message": MESSAGE},
        headers=headers,
    )
    client = browser(routing, coordinator)
    overview = client.get("/overblik").get_data(as_text=True)
    assert "2.0" in overview  # median hours to the first answer
    assert "100 %" in overview and "Deltag-bilen" in overview
    reach = client.get("/raekkevidde").get_data(as_text=True)
    assert "Under 18 år" in reach and "2026-11" in reach


def test_the_directory_may_be_framed_by_gentofte_dk_only(routing, staff):
    staff("agent", name="Agnete Holm", phone="39 98 00 01")
    answer = routing.test_client().get("/sparringsagenter")
    assert "Agnete Holm" in answer.get_data(as_text=True)
    assert "frame-ancestors https://www.gentofte.dk" in answer.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in answer.headers
    inbox = routing.test_client().get("/login")
    assert "frame-ancestors 'none'" in inbox.headers["Content-Security-Policy"]

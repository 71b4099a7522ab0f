"""Ending an account's sessions: logout, an admin disabling the account or changing its roles, and
a new password each void every token the account holds — in routing at once, and everywhere else
through `staff.sessions_ended`."""

from sqlalchemy import select

from sammen.auth import STAFF_COOKIE, read_token
from sammen.routing.accounts import PasswordLoginProvider
from sammen.routing.models import StaffAccount

from .conftest import PASSWORD, hidden, outbox, password_account

NEW_PASSWORD = "en-endnu-længere-adgangskode"


def log_in(client, email="agnete@gentofte.dk", password=PASSWORD) -> str:
    """Log in on the page, as a browser does; returns the staff cookie's token."""
    page = client.get("/login").get_data(as_text=True)
    answer = client.post(
        "/login",
        data={"csrf_token": hidden(page, "csrf_token"), "email": email, "password": password},
    )
    assert answer.status_code == 303, answer.status_code
    return client.get_cookie(STAFF_COOKIE).value


def api_token(client, email="agnete@gentofte.dk", password=PASSWORD) -> str:
    answer = client.post("/api/v1/auth/token", json={"email": email, "password": password})
    assert answer.status_code == 200, answer.status_code
    return answer.json["token"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def page_opens(routing, token: str) -> bool:
    client = routing.test_client()
    client.set_cookie(STAFF_COOKIE, token)
    answer = client.get("/indbakke")
    assert answer.status_code in (200, 302), answer.status_code
    return answer.status_code == 200


def api_opens(routing, token: str) -> bool:
    status = routing.test_client().get("/api/v1/cases", headers=bearer(token)).status_code
    assert status in (200, 401), status
    return status == 200


def ended(db) -> list[int]:
    return [event.data["staff_id"] for event in outbox(db, "staff.sessions_ended")]


def test_logout_ends_the_cookie_and_every_token_at_once_and_tells_every_service(
    routing, db, worker, tap
):
    published = tap("staff.sessions_ended")
    agent_id = password_account(db)
    browser = routing.test_client()
    cookie = log_in(browser)
    token = api_token(routing.test_client())
    assert page_opens(routing, cookie) and api_opens(routing, token)
    page = browser.get("/indbakke").get_data(as_text=True)
    assert (
        browser.post("/logout", data={"csrf_token": hidden(page, "csrf_token")}).status_code == 303
    )
    assert not page_opens(routing, cookie)
    assert not api_opens(routing, cookie)  # the cookie's value as a Bearer token
    assert not api_opens(routing, token)  # the account's other sessions too
    [event] = published.wait_for("staff.sessions_ended")
    assert event.subject == str(agent_id) and event.data["staff_id"] == agent_id
    assert event.data["ended_at"].endswith("Z")
    again = log_in(routing.test_client())  # a new login right after the logout
    assert page_opens(routing, again) and api_opens(routing, api_token(routing.test_client()))


def test_a_logout_without_a_session_ends_nothing(routing, db):
    client = routing.test_client()
    page = client.get("/logout").get_data(as_text=True)
    assert (
        client.post("/logout", data={"csrf_token": hidden(page, "csrf_token")}).status_code == 303
    )
    assert ended(db) == []


def test_an_admin_disabling_an_account_ends_its_sessions_and_its_logins(routing, db, staff):
    agent_id = password_account(db)
    _, admin = staff("admin")
    token = api_token(routing.test_client())
    client = routing.test_client()
    answer = client.patch(f"/api/v1/accounts/{agent_id}", json={"active": False}, headers=admin)
    assert answer.status_code == 200
    assert answer.json == {
        "id": agent_id,
        "email": "agnete@gentofte.dk",
        "name": "Agnete Holm",
        "roles": ["agent"],
        "active": False,
    }
    assert not api_opens(routing, token)
    assert ended(db) == [agent_id]
    refused = client.post(
        "/api/v1/auth/token", json={"email": "agnete@gentofte.dk", "password": PASSWORD}
    )
    assert refused.status_code == 401
    enabled = client.patch(f"/api/v1/accounts/{agent_id}", json={"active": True}, headers=admin)
    assert enabled.json["active"] is True and ended(db) == [agent_id]  # enabling ends nothing
    assert api_opens(routing, api_token(client))


def test_new_roles_end_the_sessions_that_name_the_old_ones(routing, db, staff):
    agent_id = password_account(db)
    _, admin = staff("admin")
    old = api_token(routing.test_client())
    client = routing.test_client()
    same = client.patch(f"/api/v1/accounts/{agent_id}", json={"roles": ["agent"]}, headers=admin)
    assert same.status_code == 200 and ended(db) == []  # nothing changed, nothing ends
    answer = client.patch(
        f"/api/v1/accounts/{agent_id}", json={"roles": ["coordinator", "agent"]}, headers=admin
    )
    assert answer.json["roles"] == ["coordinator", "agent"]
    assert not api_opens(routing, old) and ended(db) == [agent_id]
    fresh = read_token(routing.config["SECRET_KEY"], api_token(client))
    assert fresh.roles == ("coordinator", "agent")


def test_account_changes_are_for_admins_and_name_the_field_at_fault(routing, db, staff):
    agent_id = password_account(db)
    _, coordinator = staff("coordinator")
    _, admin = staff("admin")
    client = routing.test_client()
    url = f"/api/v1/accounts/{agent_id}"
    assert client.patch(url, json={"active": False}).status_code == 401
    assert client.patch(url, json={"active": False}, headers=coordinator).status_code == 403
    for body, field in (({}, "active"), ({"roles": ["root"]}, "roles"), ({"roles": []}, "roles")):
        answer = client.patch(url, json=body, headers=admin)
        assert answer.status_code == 422 and field in answer.json["errors"]["json"], body
    assert (
        client.patch("/api/v1/accounts/999999", json={"active": False}, headers=admin).status_code
        == 404
    )
    with db.transaction() as session:
        unchanged = session.get(StaffAccount, agent_id)
        assert (unchanged.active, unchanged.role_list) == (True, ("agent",))
    assert ended(db) == []


def test_a_new_password_ends_every_session_and_hands_back_a_token(routing, db):
    agent_id = password_account(db)
    client = routing.test_client()
    cookie, token = log_in(client), api_token(routing.test_client())
    answer = client.post(
        "/api/v1/auth/password",
        json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        headers=bearer(token),
    )
    assert answer.status_code == 200
    assert not page_opens(routing, cookie) and not api_opens(routing, token)
    assert api_opens(routing, answer.json["token"])
    assert ended(db) == [agent_id]
    with db.transaction() as session:
        provider = PasswordLoginProvider()
        assert provider.authenticate(session, "agnete@gentofte.dk", PASSWORD) is None
        assert provider.authenticate(session, "agnete@gentofte.dk", NEW_PASSWORD) is not None


def test_a_wrong_current_password_changes_nothing_and_names_the_field(routing, db):
    password_account(db)
    token = api_token(routing.test_client())
    with db.transaction() as session:
        before = session.scalar(select(StaffAccount.password_hash))
    client = routing.test_client()
    for body, field in (
        ({"current_password": "forkert", "new_password": NEW_PASSWORD}, "current_password"),
        ({"current_password": PASSWORD, "new_password": "kort"}, "new_password"),
    ):
        answer = client.post("/api/v1/auth/password", json=body, headers=bearer(token))
        assert answer.status_code == 422 and field in answer.json["errors"]["json"], body
    with db.transaction() as session:
        assert session.scalar(select(StaffAccount.password_hash)) == before
    assert ended(db) == [] and api_opens(routing, token)

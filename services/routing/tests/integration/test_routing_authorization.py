"""The authorization matrix: every staff endpoint × every role × anonymous."""

import pytest

from sammen.auth import ROLES, issue_token
from sammen.routing.accounts import create_account, identity

from .conftest import browser, make_case, routing_app

MESSAGE = "Tak for idéen, jeg kontakter dig i morgen formiddag."
SUMMARY = "En bytte-reol på hovedbiblioteket, hvor naboer bytter bøger og spil."
CASE_ROLES = {"agent", "coordinator", "admin"}
COORDINATORS = {"coordinator", "admin"}

# (method, path, JSON body or form, roles allowed); {case} and {agent} are filled in.
API = [
    ("GET", "/api/v1/cases", None, CASE_ROLES),
    ("GET", "/api/v1/cases/{case}", None, CASE_ROLES),
    (
        "POST",
        "/api/v1/cases/{case}/transitions",
        {"to": "in_dialogue", "message": MESSAGE},
        CASE_ROLES,
    ),
    ("POST", "/api/v1/cases/{case}/publish", {"summary": SUMMARY}, CASE_ROLES),
    (
        "POST",
        "/api/v1/agents",
        {"name": "Ny Agent", "email": "ny@gentofte.dk", "areas": ["andet"]},
        {"admin"},
    ),
    ("POST", "/api/v1/privacy/erasure", {"tracking_code": "ZZZZ-ZZZZ"}, COORDINATORS),
    ("POST", "/api/v1/privacy/access", {"tracking_code": "ZZZZ-ZZZZ"}, COORDINATORS),
]
PAGES = [
    ("GET", "/indbakke", None, CASE_ROLES),
    ("GET", "/sager/{case}", None, CASE_ROLES),
    ("POST", "/sager/{case}/svar", {"to": "in_dialogue", "message": MESSAGE}, CASE_ROLES),
    ("POST", "/sager/{case}/note", {"note_text": "Intern note"}, CASE_ROLES),
    ("POST", "/sager/{case}/tildel", {"agent": "{agent}"}, COORDINATORS),
    (
        "POST",
        "/sager/{case}/kobling",
        {"kind": "council", "target_council": "seniorraadet"},
        CASE_ROLES,
    ),
    ("POST", "/sager/{case}/offentliggoer", {"summary": SUMMARY}, CASE_ROLES),
    ("GET", "/foreninger", None, CASE_ROLES),
    (
        "POST",
        "/foreninger",
        {"name": "Gentofte Bytteforening", "contact": "bytte@example.dk"},
        CASE_ROLES,
    ),
    ("POST", "/fravaer", {"available": "ja"}, {"agent", "admin"}),
    ("GET", "/overblik", None, COORDINATORS),
    ("GET", "/raekkevidde", None, COORDINATORS),
]


@pytest.fixture
def matrix(monkeypatch, tmp_path):
    app = routing_app(
        monkeypatch, f"sqlite:///{tmp_path / 'routing.sqlite3'}", "amqp://unused/", tmp_path
    )
    app.config["WTF_CSRF_ENABLED"] = False  # this test is about roles; CSRF has its own tests
    database = app.config["SAMMEN_DATABASE"]
    people = {}
    with database.transaction() as session:
        for role in ROLES:
            account = create_account(
                session,
                email=f"{role}@gentofte.dk",
                name=role,
                roles=(role,),
                password=None,
                areas=["kultur-og-fritid"] if role == "agent" else [],
            )
            people[role] = identity(account)
        other = create_account(
            session,
            email="anden@gentofte.dk",
            name="Anden",
            roles=("agent",),
            password=None,
            areas=["andet"],
        )
        other_id = other.id
    case_id = make_case(database)  # assigned to the agent: the only one covering the theme
    yield app, people, {"case": case_id, "agent": str(other_id)}
    database.dispose()


def _fill(value, ids):
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize(
    ("method", "path", "body", "allowed"), API, ids=[f"{m} {p}" for m, p, *_ in API]
)
def test_api_roles(matrix, method, path, body, allowed):
    app, people, ids = matrix
    url, body = _fill(path, ids), _fill(body, ids)
    client = app.test_client()
    assert client.open(url, method=method, json=body).status_code == 401, "anonymous"
    for role, who in people.items():
        token = issue_token(app.config["SECRET_KEY"], who)
        status = client.open(
            url, method=method, json=body, headers={"Authorization": f"Bearer {token}"}
        ).status_code
        if role in allowed:
            assert status not in (401, 403), f"{role} got {status}"
        else:
            assert status == 403, f"{role} got {status}"


@pytest.mark.parametrize(
    ("method", "path", "form", "allowed"), PAGES, ids=[f"{m} {p}" for m, p, *_ in PAGES]
)
def test_page_roles(matrix, method, path, form, allowed):
    app, people, ids = matrix
    url, form = _fill(path, ids), _fill(form, ids)
    anonymous = app.test_client().open(url, method=method, data=form)
    assert anonymous.status_code == 302 and "/login?next=" in anonymous.location, "anonymous"
    for role, who in people.items():
        status = browser(app, who).open(url, method=method, data=form).status_code
        if role in allowed:
            assert status not in (401, 403), f"{role} got {status}"
        else:
            assert status == 403, f"{role} got {status}"

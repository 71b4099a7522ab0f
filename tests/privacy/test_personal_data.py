"""Personal data across the whole platform: one citizen's journey through every service (an idea,
the agent's answer, the mails, the idea board, a calendar registration, a Gentofte Talks
proposal, a hearing answer, an answer to a theme discussion, a committee membership, a follow and
a question in the realisation), then
(1) no process logged the citizen's e-mail, phone or name; (2) an access request gives one export
from every service that holds the citizen's data; (3) an erasure request leaves nothing of it in
any service's database — its tables, its files on disk, the development mail sink — and every such
service reports what it erased. The holders are `sammen.privacy.HOLDERS`, the list routing awaits
reports from: a service found holding the citizen's data without being on it fails here."""

from __future__ import annotations

import contextlib
import re
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from sammen.auth import StaffIdentity, issue_token
from sammen.config import DEVELOPMENT_SECRET_KEY, SERVICE_PORTS
from sammen.privacy import HOLDERS
from sammen.testing import wait_for
from sammen.testing.discussions import open_discussion
from sammen.testing.hearings import open_hearing
from sammen.testing.ideas import INTAKE_AUTH, idea_body
from tests.platform.harness import Platform, mail_text

pytestmark = [pytest.mark.slow]


@dataclass(frozen=True)
class Citizen:
    first: str
    last: str
    email: str
    phone: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    def traces(self) -> list[str]:
        """What must not be found: the address, the name, the phone in the usual spellings."""
        digits = re.sub(r"\D", "", self.phone)
        return [
            self.email,
            self.name,
            self.last,
            self.phone,
            digits[-8:],
            f"{digits[-8:-4]} {digits[-4:]}",
        ]


@dataclass
class Journey:
    citizen: Citizen
    tracking_code: str
    case_id: str


def _secret(platform: Platform) -> str:
    return platform.env.get("SAMMEN_SECRET_KEY", DEVELOPMENT_SECRET_KEY)


def _token(platform: Platform, who: StaffIdentity) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(_secret(platform), who)}"}


def coordinator(platform: Platform) -> dict[str, str]:
    return _token(
        platform, StaffIdentity(1, "koordinator@gentofte.dk", "Koordinator", ("coordinator",))
    )


def _ok(response: requests.Response, *codes: int) -> Any:
    assert response.status_code in (codes or (200,)), (
        f"{response.status_code}: {response.text[:500]}"
    )
    return response.json() if "json" in response.headers.get("Content-Type", "") else response.text


def _wait_in_moderation(
    platform: Platform, moderator: dict[str, str], text: str, what: str
) -> None:
    """Until a contribution with `text` stands in the hub's moderation queue."""

    def listed() -> bool:
        return (
            text
            in requests.get(
                f"{platform.url('dialogue')}/api/v1/moderation/contributions",
                params={"status": "all"},
                headers=moderator,
                timeout=10,
            ).text
        )

    wait_for(listed, timeout=60, what=f"{what} in the hub's moderation queue")


def _join_on_the_board(platform: Platform, case_id: str, citizen: Citizen) -> None:
    """The idea board's public forms, as a browser fills them in (CSRF token and all)."""
    board = platform.url("idea_board")
    browser = requests.Session()
    for path, fields in (
        (
            f"/ideer/{case_id}/kobl-paa",
            {"offer": "help", "message": "Jeg kan hjælpe med at bygge."},
        ),
        (f"/ideer/{case_id}/kommentarer", {"body": "Hvor skal reolen stå henne?"}),
    ):
        page = _ok(browser.get(f"{board}{path.replace('/kommentarer', '')}", timeout=10))
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        posted = browser.post(
            f"{board}{path}",
            data={"csrf_token": token, "name": citizen.name, "email": citizen.email, "website": ""}
            | fields,
            allow_redirects=False,
            timeout=10,
        )
        assert posted.status_code == 303, posted.text[:500]


@pytest.fixture(scope="module")
def journey(platform: Platform) -> Journey:
    platform.require(*HOLDERS)
    tag = uuid.uuid4().hex[:6]
    citizen = Citizen("Xenia", f"Quirinius{tag}", f"xenia.q.{tag}@example.dk", "+45 71 93 48 26")
    created = _ok(
        requests.post(
            f"{platform.url('intake')}/api/v1/ideas",
            json=idea_body(
                title="Bytte-reol ved Gentofte Bibliotek",
                initiator={"name": citizen.name, "email": citizen.email, "phone": citizen.phone},
                consent={"contact": True, "publish": True},
            ),
            headers=INTAKE_AUTH,
            timeout=10,
        ),
        201,
    )
    code = created["tracking_code"]
    routing = platform.url("routing")
    case = wait_for(
        lambda: [
            c
            for c in _ok(
                requests.get(
                    f"{routing}/api/v1/cases",
                    params={"tracking_code": code},
                    headers=coordinator(platform),
                    timeout=10,
                )
            )
            if c["assignee"]
        ],
        timeout=60,
        what="the case assigned",
    )[0]
    agent = case["assignee"]
    as_agent = _token(
        platform, StaffIdentity(agent["id"], agent["email"], agent["name"], ("agent",))
    )
    _ok(
        requests.post(
            f"{routing}/api/v1/cases/{case['id']}/transitions",
            json={
                "to": "in_dialogue",
                "message": "Tak for idéen. Lad os tale om den.",
                "note": None,
            },
            headers=as_agent,
            timeout=10,
        )
    )
    _ok(
        requests.post(
            f"{routing}/api/v1/cases/{case['id']}/publish",
            json={"summary": "En bytte-reol ved biblioteket, hvor naboer bytter bøger."},
            headers=as_agent,
            timeout=10,
        )
    )
    wait_for(
        lambda: platform.find_mail(citizen.email, "Lad os tale om den"),
        timeout=60,
        what="the agent's answer mailed to the citizen",
    )
    board = platform.url("idea_board")
    wait_for(
        lambda: requests.get(f"{board}/api/v1/ideas/{case['id']}", timeout=5).status_code == 200,
        timeout=60,
        what="the idea on the board",
    )
    _join_on_the_board(platform, case["id"], citizen)
    calendar = platform.url("calendar")
    event = next(
        e
        for e in _ok(requests.get(f"{calendar}/api/v1/events", timeout=10))
        if e.get("registration")
    )
    _ok(
        requests.post(
            f"{calendar}/api/v1/events/{event['id']}/registrations",
            json={"name": citizen.name, "email": citizen.email},
            timeout=10,
        ),
        201,
    )
    _ok(
        requests.post(
            f"{calendar}/api/v1/talk-proposals",
            json={
                "title": "Bytte-reoler i hele kommunen",
                "description": "En Gentofte Talk om deleøkonomi.",
                "proposer": {
                    "name": citizen.name,
                    "email": citizen.email,
                    "organisation": "Bytteringen",
                    "type": "citizen_group",
                },
                "wished_start": "2027-05-03T19:00",
            },
            timeout=10,
        ),
        202,
    )
    hearing_url = platform.url("hearing")
    now = datetime.now(UTC).replace(tzinfo=None)
    hearing = _ok(
        requests.post(
            f"{hearing_url}/api/v1/hearings",
            json=open_hearing(),
            headers=coordinator(platform),
            timeout=10,
        ),
        201,
    )
    _ok(
        requests.post(
            f"{hearing_url}/api/v1/hearings/{hearing['id']}/responses",
            # Signed, as people do: the hub's moderators see the excerpt with the name in it.
            json={
                "name": citizen.name,
                "email": citizen.email,
                "body": f"Godt forslag om stierne. Venlig hilsen {citizen.name}",
            },
            timeout=10,
        ),
        201,
    )
    # Følg realiseringen: the citizen sits on the committee, follows a recommendation and asks.
    realisation = platform.url("realisation")
    committee = _ok(
        requests.post(
            f"{realisation}/api/v1/committees",
            json={
                "name": "Opgaveudvalget for stier",
                "kind": "task_committee",
                "members": [{"name": citizen.name, "email": citizen.email, "role": "citizen"}],
            },
            headers=coordinator(platform),
            timeout=10,
        ),
        201,
    )
    recommendation = _ok(
        requests.post(
            f"{realisation}/api/v1/recommendations",
            json={
                "committee_id": committee["id"],
                "title": "Sammenhængende stier langs Mølleåen",
                "summary": "Udvalget anbefaler en sammenhængende sti langs hele Mølleåen.",
                "decided_by": "Kommunalbestyrelsen",
                "decided_on": "2026-06-22",
                "responsible": {
                    "unit": "By og Trafik",
                    "name": "Koordinator",
                    "email": "koordinator@gentofte.dk",
                },
            },
            headers=coordinator(platform),
            timeout=10,
        ),
        201,
    )
    recommendation_url = f"{realisation}/api/v1/recommendations/{recommendation['id']}"
    _ok(
        requests.post(f"{recommendation_url}/followers", json={"email": citizen.email}, timeout=10),
        202,
    )
    _ok(
        requests.post(
            f"{recommendation_url}/questions",
            json={"name": citizen.name, "email": citizen.email, "text": "Hvornår er stien færdig?"},
            timeout=10,
        ),
        201,
    )
    # The hub learns of the answer from the hearing's outbox: a privacy request must not overtake it.
    moderator = _token(
        platform, StaffIdentity(1, "moderator@gentofte.dk", "Moderator", ("moderator",))
    )
    _wait_in_moderation(platform, moderator, citizen.name, "the hearing answer")
    discussions = platform.url("theme_discussion")
    discussion = _ok(
        requests.post(
            f"{discussions}/api/v1/discussions",
            json=open_discussion(
                event_id=event["id"],
                closes_at=(now + timedelta(days=14)).isoformat(timespec="minutes"),
            ),
            headers=coordinator(platform),
            timeout=10,
        ),
        201,
    )
    answer = f"Langs stien hver morgen. Hilsen {citizen.name}"  # ASCII: the JSON escapes the rest
    _ok(
        requests.post(
            f"{discussions}/api/v1/discussions/{discussion['id']}/contributions",
            json={
                "question_id": discussion["questions"][0]["id"],
                "text": answer,
                "name": citizen.name,
                "email": citizen.email,
            },
            timeout=10,
        ),
        201,
    )
    _wait_in_moderation(platform, moderator, answer, "the theme discussion's answer")
    return Journey(citizen, code, case["id"])


# --- (1) no personal data in logs ------------------------------------------------------------


def test_no_process_logs_the_citizens_email_phone_or_name(platform, journey):
    found = {trace: platform.search_logs(re.escape(trace)) for trace in journey.citizen.traces()}
    leaks = {
        trace: lines[:3] for trace, by_process in found.items() for lines in by_process.values()
    }
    assert not leaks, f"personal data in the logs: {leaks}"
    # The journey did happen, and was logged: the search looked at real lines.
    assert platform.search_logs(r"POST /api/v1/ideas 201", ["intake-web"])


# --- (2) access and (3) erasure --------------------------------------------------------------


def _request(platform: Platform, kind: str, email: str) -> str:
    answer = requests.post(
        f"{platform.url('routing')}/api/v1/privacy/{kind}",
        json={"email": email},
        headers=coordinator(platform),
        timeout=10,
    )
    return _ok(answer, 202)["request_id"]


def _reports(platform: Platform, request_id: str) -> dict[str, dict[str, Any]]:
    answer = requests.get(
        f"{platform.url('routing')}/api/v1/privacy/requests/{request_id}",
        headers=coordinator(platform),
        timeout=10,
    )
    if answer.status_code == 404:
        return {}
    return {report["service"]: report for report in _ok(answer)["reports"]}


def _wait_for_reports(platform: Platform, request_id: str) -> dict[str, dict[str, Any]]:
    """The reports once every holder has answered, or those that came within the deadline."""
    with contextlib.suppress(AssertionError):  # a missing report is the test's to name
        wait_for(
            lambda: _reports(platform, request_id).keys() >= set(HOLDERS),
            timeout=30,
            interval=0.5,
            what=f"reports from {sorted(HOLDERS)}",
        )
    return _reports(platform, request_id)


@pytest.fixture(scope="module")
def access_reports(platform, journey) -> dict[str, dict[str, Any]]:
    request_id = _request(platform, "access", journey.citizen.email)
    return _wait_for_reports(platform, request_id)


@pytest.mark.parametrize("service", HOLDERS)
def test_an_access_request_gets_every_services_export(access_reports, journey, service):
    report = access_reports.get(service)
    assert report is not None, f"no access report from {service}; got {sorted(access_reports)}"
    assert report["kind"] == "access"
    assert journey.citizen.email in str(report["data"]) or journey.citizen.name in str(
        report["data"]
    )


def _database_file(platform: Platform, service: str) -> Path:
    return platform.var_dir / f"{service}.sqlite3"


def _database_traces(platform: Platform, service: str, traces: list[str]) -> list[str]:
    """Every (table, column) of the service's SQLite database holding one of the traces."""
    path = _database_file(platform, service)
    found = []
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        for table in tables:
            columns = [r[1] for r in connection.execute(f'PRAGMA table_info("{table}")')]
            for column in columns:
                for trace in traces:
                    hits = connection.execute(
                        f'SELECT count(*) FROM "{table}" '  # noqa: S608 - names from the schema
                        f'WHERE instr(lower(CAST("{column}" AS TEXT)), lower(?)) > 0',
                        (trace,),
                    ).fetchone()[0]
                    if hits:
                        found.append(f"{table}.{column} holds {trace!r} ({hits} rows)")
    return found


@pytest.fixture(scope="module")
def erasure(platform, journey, access_reports) -> dict[str, Any]:
    """Erase once every service holds the data (the access reports came first). `before` looks
    in every service's database, holder or not."""
    traces = [journey.citizen.email, journey.citizen.last]
    services = [s for s in SERVICE_PORTS if _database_file(platform, s).exists()]
    before = {s: _database_traces(platform, s, traces) for s in services}
    request_id = _request(platform, "erasure", journey.citizen.email)
    return {"before": before, "reports": _wait_for_reports(platform, request_id)}


def test_every_service_holding_the_persons_data_is_a_holder(erasure):
    """A service that stores personal data but is not on the list would never be asked to erase."""
    holding = {service for service, found in erasure["before"].items() if found}
    assert holding - set(HOLDERS) == set(), erasure["before"]


@pytest.mark.parametrize("service", HOLDERS)
def test_an_erasure_request_is_reported_by_every_service(erasure, service):
    report = erasure["reports"].get(service)
    assert report is not None, f"no erasure report from {service}; got {sorted(erasure['reports'])}"
    assert report["kind"] == "erasure"
    assert sum(report["summary"].values()) >= 1, report


@pytest.mark.parametrize("service", HOLDERS)
def test_an_erasure_leaves_nothing_of_the_person_in_any_database(
    platform, journey, erasure, service
):
    assert erasure["before"][service], f"{service} held nothing to erase: the journey missed it"
    traces = journey.citizen.traces()
    with contextlib.suppress(AssertionError):  # a service that does not report may still be erasing
        wait_for(lambda: not _database_traces(platform, service, traces), timeout=15, interval=0.5)
    left = _database_traces(platform, service, traces)
    assert not left, "\n".join(left)


def _on_disk(platform: Platform, service: str) -> bytes:
    """The service's SQLite database file and its write-ahead log, byte for byte."""
    path = _database_file(platform, service)
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


@pytest.mark.parametrize("service", HOLDERS)
def test_an_erasure_leaves_nothing_of_the_persons_name_in_the_database_files(
    platform, journey, erasure, service
):
    """Not only the tables: freed pages and the write-ahead log must not keep the name either."""
    name = journey.citizen.last.encode()
    with contextlib.suppress(AssertionError):  # a service that does not report may still be erasing
        wait_for(lambda: name not in _on_disk(platform, service), timeout=15, interval=0.5)
    assert name not in _on_disk(platform, service), f"{service}'s files still hold the name"


def test_an_erasure_empties_the_development_mail_sink_of_the_person(platform, journey, erasure):
    """The mails to the citizen, and those to others naming them, leave the sink with the rest."""
    assert erasure["reports"].get("notify"), "notify did not report the erasure"
    traces = [journey.citizen.email, journey.citizen.last]
    left = [
        str(mail["Subject"])
        for mail in platform.mails()
        if any(trace in f"{mail['To']} {mail_text(mail)}" for trace in traces)
    ]
    assert left == []

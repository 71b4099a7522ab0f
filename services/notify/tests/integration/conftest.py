"""Notify's integration fixtures: a real SMTP server (aiosmtpd) in the test, the app, the worker."""

from __future__ import annotations

from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from sammen.auth import STAFF_COOKIE, StaffIdentity, issue_token
from sammen.bus import Event, outbox
from sammen.contracts import Consent, IdeaSubmitted, Initiator, decode
from sammen.notify import handlers, service
from sammen.notify.app import create_app
from sammen.notify.jobs import build_jobs
from sammen.notify.mailsink import MailSink, parse
from sammen.notify.models import Message
from sammen.notify.sender import send_due
from sammen.notify.settings import notify_config
from sammen.testing import events as testing_events
from sammen.testing import free_port, postgres_database, service_environment, wired_worker
from sammen.testing.events import envelope

AGENT = StaffIdentity(
    id=7, email="mette.sparring@gentofte.dk", name="Mette Sparring", roles=("agent",)
)
# AGENT as the case's events name them.
CASE_AGENT = {"id": 7, "name": AGENT.name, "email": AGENT.email, "phone": "39 98 00 00"}
# The calendar's meeting that the tests' calendar events are about.
MEETING = {"event_id": "e1", "title": "Temamøde om stier", "starts_at": "2026-12-10T17:00:00Z"}
# Reads every message; an agent only those of the cases assigned to them.
COORDINATOR = StaffIdentity(
    id=1, email="koordinator@gentofte.dk", name="Karen Koordinator", roles=("coordinator",)
)


class SmtpServer(MailSink):
    """The development sink, plus what a real server does: refuse some recipients, go down."""

    def __init__(self, folder: Any) -> None:
        super().__init__(folder)
        self.port = free_port()
        self.refused: set[str] = set()
        self.received: list[tuple[list[str], EmailMessage]] = []
        self.raw: list[bytes] = []
        self._controller: Controller | None = None

    async def handle_RCPT(self, _server, _session, envelope, address, _options):  # type: ignore[no-untyped-def]
        if address.lower() in self.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.raw.append(envelope.original_content)
        self.received.append((list(envelope.rcpt_tos), parse(envelope.original_content)))
        return await super().handle_DATA(server, session, envelope)

    def start(self) -> None:
        self._controller = Controller(
            self, hostname="127.0.0.1", port=self.port, enable_SMTPUTF8=True
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def to(self, address: str) -> list[EmailMessage]:
        return [mail for recipients, mail in self.received if address in recipients]


@pytest.fixture
def smtp_server(tmp_path) -> Iterator[SmtpServer]:  # type: ignore[no-untyped-def]
    server = SmtpServer(tmp_path / "mail")
    server.start()
    yield server
    server.stop()


def notify_settings_env(smtp_server: SmtpServer, **extra: str) -> dict[str, str]:
    return {
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_server.port),
        "MAILSINK_DIR": str(smtp_server.folder),
        "NOTIFY_RETRY_BASE_SECONDS": "0.3",
        "NOTIFY_MAX_ATTEMPTS": "10",  # a slow machine never runs out of retries mid-test
        "NOTIFY_SEND_INTERVAL_SECONDS": "0.1",
        "SAMMEN_BASE_URL_NOTIFY": "http://notify.test",
        **extra,
    }


@pytest.fixture
def notify_env(monkeypatch, tmp_path, database_url, smtp_server):  # type: ignore[no-untyped-def]
    """Notify's environment without a broker (for tests of the app, jobs and sender alone)."""

    def apply(**extra: str) -> None:
        env = service_environment(
            "notify",
            database_url,
            "amqp://guest:guest@127.0.0.1:1/%2F",
            str(tmp_path / "var"),
            **notify_settings_env(smtp_server, **extra),
        )
        for key, value in env.items():
            monkeypatch.setenv(key, value)

    return apply


@pytest.fixture
def make_notify(notify_env):  # type: ignore[no-untyped-def]
    """The notify app with some settings changed: `make_notify(NOTIFY_MAX_ATTEMPTS="2")`."""
    apps = []

    def make(**extra: str):  # type: ignore[no-untyped-def]
        notify_env(**extra)
        apps.append(create_app())
        return apps[-1]

    yield make
    for app in apps:
        app.config["SAMMEN_DATABASE"].dispose()


@pytest.fixture
def notify(make_notify):  # type: ignore[no-untyped-def]
    return make_notify()


@pytest.fixture
def notify_with_broker(service_env, database_url, smtp_server):  # type: ignore[no-untyped-def]
    """Notify's app and worker on a test broker: (app, worker not yet started)."""
    service_env("notify", database_url, **notify_settings_env(smtp_server))
    app = create_app()
    settings = app.config["SAMMEN_SETTINGS"]
    jobs = build_jobs(app.config["SAMMEN_DATABASE"], settings, notify_config(settings))
    worker = wired_worker(handlers, app, jobs)
    yield app, worker
    app.config["SAMMEN_DATABASE"].dispose()


@pytest.fixture
def second_database_url(database_url, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Another service's own database of the same kind (two services in one test)."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'other.sqlite3'}"
    else:
        with postgres_database() as url:
            yield url


def staff_client(app, staff: StaffIdentity = AGENT):  # type: ignore[no-untyped-def]
    client = app.test_client()
    client.set_cookie(STAFF_COOKIE, issue_token(app.config["SECRET_KEY"], staff))
    return client


def staff_headers(app, staff: StaffIdentity = AGENT) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"Authorization": f"Bearer {issue_token(app.config['SECRET_KEY'], staff)}"}


def messages(app, **where: Any) -> list[Message]:  # type: ignore[no-untyped-def]
    with app.config["SAMMEN_DATABASE"].transaction() as session:
        query = select(Message).order_by(Message.created_at)
        for name, value in where.items():
            query = query.where(getattr(Message, name) == value)
        return list(session.scalars(query))


def idea_submitted(email: str = "anna.jensen@example.dk", **changes: Any) -> Event:
    """Intake's `idea.submitted` from Anna (or `email`); `changes` may give nested parts as data."""
    sent = testing_events.idea_submitted(
        description="En reol hvor naboer bytter bøger.",
        consent=Consent(contact=True, publish=False),
        initiator=Initiator(name="Anna Jensen", email=email, phone=None),
    )
    return envelope(IdeaSubmitted.from_data(sent.to_data() | changes))


def case_event(type_: str, idea: Event, **data: Any) -> Event:
    """Routing's `type_` about the case of `idea`, its agent notify's AGENT; `data` may give any
    field as it travels (nested parts as data, `from` by that name)."""
    event = testing_events.FACTORIES[type_](idea=IdeaSubmitted.from_event(idea))
    return envelope(type(event).from_data(event.to_data() | {"agent": CASE_AGENT} | data))


def sla_at_risk(idea: Event | None = None) -> Event:
    """Routing's warning that the first answer on the case of `idea` (a fresh idea if none) is
    soon due."""
    return case_event(
        "case.sla_at_risk", idea or idea_submitted(), first_response_due="2026-12-04T23:00:00Z"
    )


def handle(app, event: Event) -> None:  # type: ignore[no-untyped-def]
    """What the worker does with `event`, in the test: notify's handler in one transaction."""
    with app.config["SAMMEN_DATABASE"].transaction() as session:
        service.handle_event(session, decode(event), app.config["SAMMEN_SETTINGS"])


def register_for_the_meeting(app, name: str, email: str, status: str = "confirmed") -> None:  # type: ignore[no-untyped-def]
    """Calendar's `registration.created` for MEETING, handled: a mail of no case at all."""
    registration = testing_events.registration_created(
        **MEETING,
        registration_id=f"r-{name}",
        location="Rådhuset",
        url="http://localhost:8004/arrangementer/e1",
        status=status,
        cancel_url="http://localhost:8004/afmeld/x",
        registrant=testing_events.person(name=name, email=email),
    )
    handle(app, envelope(registration))


def send(app, now=None) -> int:  # type: ignore[no-untyped-def]
    """One run of the sender: the mails due (at `now`) go out; how many did."""
    settings = app.config["SAMMEN_SETTINGS"]
    return send_due(app.config["SAMMEN_DATABASE"], settings, notify_config(settings), now)


def take_into_dialogue(app, idea: Event) -> None:  # type: ignore[no-untyped-def]
    """The case of `idea` assigned and then taken into dialogue with a welcome to Anna."""
    handle(
        app,
        case_event(
            "case.assigned", idea, first_response_due="2026-12-04T23:00:00Z", reassigned=False
        ),
    )
    handle(
        app,
        case_event("case.status_changed", idea, to="in_dialogue", message="Velkommen, Anna."),
    )


def processed(app, queue: str, event_id: str) -> bool:  # type: ignore[no-untyped-def]
    with app.config["SAMMEN_DATABASE"].transaction() as session:
        return outbox.already_processed(session, queue, event_id)

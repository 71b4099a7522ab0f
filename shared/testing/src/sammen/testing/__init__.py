"""Test support shared by every service's tests (a pytest plugin, loaded by the root conftest).

Real parts only: each test gets its own RabbitMQ virtual host and its own PostgreSQL database (or
SQLite file), so tests run in parallel against the machine's real broker and server.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

import pika
import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import Column, Integer, MetaData, String, Table, select

from sammen import runtime
from sammen.auth import TOKEN_SALT
from sammen.bootstrap import bootstrap
from sammen.bus import outbox
from sammen.bus.envelope import CONTENT_TYPE, Event
from sammen.bus.outbox import outbox_table
from sammen.bus.topology import EXCHANGE, declare_exchange
from sammen.bus.worker import Worker
from sammen.db import Database
from sammen.testing import databases
from sammen.testing import events as testing_events
from sammen.testing.databases import postgres_database
from sammen.web.clock import CONFIG_KEY as CLOCK_KEY

BROKER_HOST = os.environ.get("SAMMEN_TEST_BROKER", "127.0.0.1:5672")
FAST_RETRIES_MS = "100,200"


def wait_for(
    condition: Callable[[], Any], timeout: float = 15.0, interval: float = 0.05, what: str = ""
) -> Any:
    """Poll `condition` until it returns something truthy; fail the test at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what or condition}")
        time.sleep(interval)


@dataclass
class SetClock:
    """A clock a test sets and moves (`clock.now += timedelta(days=6)`), for an app's clock seam."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now


def _ephemeral_ports_start() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768  # Linux's default


# The ports handed out for servers a test starts lie below the kernel's ephemeral range. A port the
# kernel picked (bind to port 0) may be given to an outgoing connection — one of the platform's
# many to the broker — between the test picking it and its server binding it; below the range, no
# connect() takes it. Each xdist worker draws from a slice of its own.
_PORT_SLICE = 1400
_PORT_SLICES = 8
_worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
_slice_start = _ephemeral_ports_start() - _PORT_SLICE * (
    _PORT_SLICES - int(_worker) % _PORT_SLICES if _worker.isdigit() else _PORT_SLICES
)
_first = random.randrange(_PORT_SLICE)  # another run may just have left its ports in TIME_WAIT
_next_ports = itertools.cycle(
    [_slice_start + (_first + offset) % _PORT_SLICE for offset in range(_PORT_SLICE)]
)
_handed_out: set[int] = set()
_ports_lock = threading.Lock()


def free_port() -> int:
    """A port nobody listens on, not handed out before in this process, and outside the range the
    kernel gives outgoing connections."""
    with _ports_lock:
        for _ in range(_PORT_SLICE):
            port = next(_next_ports)
            if port in _handed_out:
                continue
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", port))
                except OSError:
                    continue
            _handed_out.add(port)
            return port
    raise RuntimeError(f"no free port left from {_slice_start} on")


# --- the broker -------------------------------------------------------------------------------


def _rabbitmqctl(*args: str) -> None:
    """Run the broker's CLI. The CLI is an Erlang node of its own: on a timeout its whole process
    group is ended, or the stuck node stays registered and makes later calls fail to start."""
    process = subprocess.Popen(
        ["rabbitmqctl", "-q", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
    except BaseException:  # an interrupted run (Ctrl-C) ends its CLI node as well
        os.killpg(process.pid, signal.SIGKILL)
        raise
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, process.args, out, err)


def _new_vhost(attempts: int = 5) -> str:
    """A new virtual host the guest user may use. The CLI refuses to start (exit 78) while its few
    distribution ports (the broker's port + 10000 … + 10010) are all taken by other CLI calls, so a
    busy broker gets more tries."""
    for attempt in range(1, attempts + 1):
        vhost = f"sammen-test-{uuid.uuid4().hex[:12]}"
        try:
            _rabbitmqctl("add_vhost", vhost)
            _rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*")
            return vhost
        except subprocess.CalledProcessError:
            if attempt == attempts:
                raise
            time.sleep(2 * attempt)  # back off before asking the busy broker again
    raise AssertionError("unreachable")


@contextlib.contextmanager
def broker_vhost(host: str = BROKER_HOST) -> Iterator[str]:
    """A fresh virtual host on the real broker; deleted with everything in it afterwards, one at a
    time: deleting many vhosts (and their quorum queues) in one broker call outlasted the CLI's
    timeout and left the broker's vhost management stuck."""
    if shutil.which("rabbitmqctl") is None:
        raise RuntimeError("rabbitmqctl is needed to give each test its own virtual host")
    vhost = _new_vhost()
    try:
        yield f"amqp://guest:guest@{host}/{quote(vhost, safe='')}"
    finally:
        with contextlib.suppress(subprocess.SubprocessError):
            _rabbitmqctl("delete_vhost", vhost)


@pytest.fixture
def amqp_url() -> Iterator[str]:
    with broker_vhost() as url:
        yield url


@contextlib.contextmanager
def outbox_database(url: str, *tables: MetaData) -> Iterator[Database]:
    """A database at `url` with the outbox's tables and `tables`, as a service's own would have
    them: for tests of the bus pieces and other shared parts without a service around them."""
    database = Database(url)
    with database.engine.begin() as connection:
        outbox.create_tables(connection)
        for metadata in tables:
            metadata.create_all(connection)
    yield database
    database.dispose()


def effects_table(metadata: MetaData, *more: Column[Any]) -> Table:
    """A row per event a test's handler took: how tests of the bus count each event's effects;
    `more` columns say more of each effect (which worker took it)."""
    return Table(
        "effects",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("event_id", String(36)),
        *more,
    )


effects_metadata = MetaData()
effects = effects_table(effects_metadata)


def queued_events(database: Database, type_: str | None = None) -> list[Event]:
    """The events a service has queued and not yet published (of one type), oldest first."""
    query = select(outbox_table.c.body).where(outbox_table.c.sent_at.is_(None))
    if type_ is not None:
        query = query.where(outbox_table.c.routing_key == type_)
    with database.transaction() as session:
        rows = session.execute(query.order_by(outbox_table.c.id)).all()
    return [Event.from_json(body) for (body,) in rows]


# The claims of a staff token as routing signs them: Agnete, an agent.
STAFF_CLAIMS: dict[str, object] = {
    "id": 7,
    "email": "agent@gentofte.dk",
    "name": "Agnete",
    "roles": ["agent"],
    "issued_at": "2026-12-01T09:30:00.123456+00:00",
}
# Signed with the right key, yet no staff identity: each must be refused, never a server error.
MALFORMED_CLAIMS: dict[str, object] = {
    "no roles": {k: v for k, v in STAFF_CLAIMS.items() if k != "roles"},
    "roles as a string": STAFF_CLAIMS | {"roles": "agent"},
    "an unknown role": STAFF_CLAIMS | {"roles": ["agent", "root"]},
    "a role that is no string": STAFF_CLAIMS | {"roles": [["agent"]]},
    "no id": {k: v for k, v in STAFF_CLAIMS.items() if k != "id"},
    "the id as a string": STAFF_CLAIMS | {"id": "7"},
    "the id as a boolean": STAFF_CLAIMS | {"id": True},
    "an id beyond any database key": STAFF_CLAIMS | {"id": 2**70},
    "the name as a number": STAFF_CLAIMS | {"name": 7},
    "no e-mail": {k: v for k, v in STAFF_CLAIMS.items() if k != "email"},
    "no time of issue": {k: v for k, v in STAFF_CLAIMS.items() if k != "issued_at"},
    "a time of issue without offset": STAFF_CLAIMS | {"issued_at": "2026-12-01T09:30:00"},
    "a time of issue that is no time": STAFF_CLAIMS | {"issued_at": "i går"},
    "a list": [STAFF_CLAIMS],
    "a string": "agent",
    "null": None,
}


def made_distinct(make: Callable[[], str], count: int) -> set[str]:
    """`count` values from `make`, none made twice: for random codes and tokens."""
    made = {make() for _ in range(count)}
    assert len(made) == count, f"{count - len(made)} made twice"
    return made


def signed_token(secret_key: str, payload: object) -> str:
    """A staff token signed as routing signs one, around any payload: for tests of tokens that are
    signed correctly but say something no staff identity is made of."""
    return URLSafeTimedSerializer(secret_key, salt=TOKEN_SALT).dumps(payload)


def privacy_request(kind: str, request_id: str, email: str | None, **data: Any) -> Event:
    """Routing's `person.access_requested` or `person.erasure_requested` (kind: access, erasure)."""
    factory = (
        testing_events.erasure_requested if kind == "erasure" else testing_events.access_requested
    )
    return testing_events.envelope(factory(request_id=request_id, email=email, **data))


def publish_event(amqp_url: str, event: Event) -> None:
    """Publish as another service would (tests stand in for services not under test)."""
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    try:
        channel = connection.channel()
        channel.confirm_delivery()
        declare_exchange(channel)
        channel.basic_publish(
            EXCHANGE,
            event.routing_key,
            event.to_json().encode(),
            pika.BasicProperties(content_type=CONTENT_TYPE, delivery_mode=2, message_id=event.id),
        )
    finally:
        connection.close()


@dataclass
class EventTap:
    """A queue of the test's own, bound to some routing keys, collecting what the services publish."""

    amqp_url: str
    routing_keys: tuple[str, ...]
    events: list[Event] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._queue = f"test-tap-{uuid.uuid4().hex[:8]}"
        connection = pika.BlockingConnection(pika.URLParameters(self.amqp_url))
        channel = connection.channel()
        declare_exchange(channel)
        channel.queue_declare(self._queue, durable=True)
        for key in self.routing_keys:
            channel.queue_bind(self._queue, EXCHANGE, routing_key=key)
        connection.close()

    def drain(self) -> list[Event]:
        connection = pika.BlockingConnection(pika.URLParameters(self.amqp_url))
        try:
            channel = connection.channel()
            while True:
                method, props, body = channel.basic_get(self._queue, auto_ack=True)
                if method is None:
                    break
                event = Event.from_json(body)
                assert props.message_id == event.id, "AMQP message_id must equal the event id"
                assert props.delivery_mode == 2, "events must be persistent"
                self.events.append(event)
        finally:
            connection.close()
        return self.events

    def of_type(self, type_: str) -> list[Event]:
        return [event for event in self.drain() if event.type == type_]

    def wait_for(
        self,
        type_: str,
        where: Callable[[Event], bool] = lambda _e: True,
        count: int = 1,
        timeout: float = 15,
    ) -> list[Event]:
        return wait_for(
            lambda: (
                (found := [e for e in self.of_type(type_) if where(e)])
                and len(found) >= count
                and found
            ),
            timeout=timeout,
            what=f"{count} × {type_}",
        )


@pytest.fixture
def tap(amqp_url: str) -> Callable[..., EventTap]:
    return lambda *keys: EventTap(amqp_url, keys or ("#",))


# --- databases --------------------------------------------------------------------------------


def pytest_sessionfinish() -> None:
    """xdist's workers may end without running atexit: clean up this process's databases here."""
    databases.finish()


@pytest.fixture(autouse=True, scope="session")
def _migrated_copies(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The apps the tests create migrate a fresh database by copying one migrated before."""
    copies = databases.MigratedCopies(tmp_path_factory.mktemp("migrated"), runtime.migrate)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(runtime, "migrate", copies.migrate)
        yield
    copies.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each test that takes this runs twice: on the embedded default and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'service.sqlite3'}"
    else:
        with postgres_database() as url:
            yield url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with postgres_database() as url:
        yield url


def service_environment(
    service: str, database_url: str, amqp_url: str, var_dir: str, **extra: str
) -> dict[str, str]:
    """The environment a service process gets in a test: fast retries, no rate limits."""
    env = {
        "SAMMEN_ENV": "test",
        "SAMMEN_VAR_DIR": var_dir,
        "AMQP_URL": amqp_url,
        f"{service.upper()}_DATABASE_URL": database_url,
        "SAMMEN_RETRY_DELAYS_MS": FAST_RETRIES_MS,
        "SAMMEN_RATE_LIMITS": "off",
        "SAMMEN_WORKER_METRICS_PORT": "0",
        "INTAKE_MIN_FILL_SECONDS": "0",
        "CALENDAR_MIN_FILL_SECONDS": "0",
    }
    env.update(extra)
    return env


@pytest.fixture
def service_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, amqp_url: str
) -> Callable[..., dict[str, str]]:
    """Set a service's environment for in-process tests: `service_env("intake", database_url)`."""

    def apply(service: str, database_url: str, **extra: str) -> dict[str, str]:
        env = service_environment(service, database_url, amqp_url, str(tmp_path / "var"), **extra)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        return env

    return apply


@contextlib.contextmanager
def running_worker(worker: Any, timeout: float = 20) -> Iterator[Any]:
    """Start a sammen.bus.worker.Worker in this process; return once its consumers listen."""
    worker.start()
    try:
        if worker.consumer.subscriptions:
            wait_for(worker.consumer.ready.is_set, timeout=timeout, what="the consumer to be ready")
        yield worker
    finally:
        worker.stop()


def wired_worker(
    handlers: ModuleType, app: Any, jobs: list[Any] | None = None, **dependencies: object
) -> Worker:
    """The worker of `app`'s service, its handlers wired as `python -m sammen.<service> worker`
    wires them (sammen.bootstrap), on the app's settings, database and clock."""
    settings, database = app.config["SAMMEN_SETTINGS"], app.config["SAMMEN_DATABASE"]
    wiring = bootstrap(
        settings.service,
        handlers,
        settings=settings,
        database=database,
        clock=app.config[CLOCK_KEY],
        **dependencies,
    )
    return Worker(settings, database, wiring.subscriptions, jobs)


# --- faults -----------------------------------------------------------------------------------


class TcpProxy:
    """A TCP proxy between the services and a server, which a test can cut and restore.

    Once connected, a proxied connection has no timeout of its own: AMQP and PostgreSQL
    connections sit quiet between heartbeats, and only the peers decide when one is dead."""

    def __init__(self, target_host: str, target_port: int, connect_timeout: float = 5) -> None:
        self.target = (target_host, target_port)
        self.connect_timeout = connect_timeout
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._open = threading.Event()
        self._open.set()
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            # Connecting upstream is the connection's own thread's work, so one slow connect
            # never holds up the clients behind it.
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        if not self._open.is_set():
            client.close()
            return
        try:
            upstream = socket.create_connection(self.target, timeout=self.connect_timeout)
        except OSError:
            client.close()
            return
        upstream.settimeout(None)
        for sock in (client, upstream):
            # Small frames (AMQP confirms, heartbeats) pass at once, as between the peers.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self._lock:
            if not self._open.is_set():  # cut while this one was connecting
                client.close()
                upstream.close()
                return
            self._connections |= {client, upstream}
        threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()
        self._pipe(client, upstream)

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            with self._lock:
                self._connections -= {source, sink}
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.close()

    def cut(self) -> None:
        """Refuse new connections and sever every open one, as a network failure would."""
        self._open.clear()
        with self._lock:
            for sock in self._connections:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                    sock.close()
            self._connections.clear()

    def restore(self) -> None:
        self._open.set()

    def close(self) -> None:
        self.cut()
        self._server.close()


def broker_url_through(proxy: TcpProxy, amqp_url: str) -> str:
    vhost = amqp_url.rsplit("/", 1)[1]
    return f"amqp://guest:guest@127.0.0.1:{proxy.port}/{vhost}"


def event_json(event: Event) -> dict[str, Any]:
    return json.loads(event.to_json())

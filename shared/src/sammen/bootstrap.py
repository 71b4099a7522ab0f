"""Wire a service together: its settings, database and clock, and each handler's named dependencies.

A service's `handlers` module declares what it consumes in one table, `QUEUES`: per queue
(`<service>.<purpose>`), the event types it takes and the handler of each. A handler is a plain
function named after its event (`on_case_assigned`) that takes the session, the typed event
(its contract from `sammen.contracts`), and then
only the dependencies it names, by parameter name: `settings`, `database` and `clock` always exist;
a service adds its own in `DEPENDENCIES` (name → a function of the dependencies it names in turn,
e.g. `{"first_response_days": first_response_days}` made from `settings`). Jobs and start-up hooks
are bound the same way (`Wiring.call`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from sqlalchemy.orm import Session

from sammen.bus.consumer import Subscription
from sammen.bus.envelope import Event
from sammen.clock import Clock, utc_now
from sammen.config import Settings, load_settings
from sammen.contracts import decode
from sammen.db import Database

# (session, event, **the dependencies it names)
EventHandler = Callable[..., None]


@dataclass(frozen=True)
class Queue:
    """One purpose of a service: its queue, and for each event type it takes, the handler."""

    name: str
    handlers: Mapping[str, EventHandler]


class MissingDependency(TypeError):
    """A handler, job or hook names a parameter nobody provides."""


def call(function: Callable[..., Any], dependencies: Mapping[str, object], *args: object) -> Any:
    """Call `function` with `args` first, then every further parameter by name from `dependencies`."""
    return bind(function, dependencies, len(args))(*args)


def bind(
    function: Callable[..., Any], dependencies: Mapping[str, object], positional: int = 0
) -> Callable[..., Any]:
    """`function` with its parameters after the first `positional` filled by name, once, now."""
    parameters = list(inspect.signature(function).parameters.values())[positional:]
    named: dict[str, object] = {}
    for parameter in parameters:
        if parameter.name in dependencies:
            named[parameter.name] = dependencies[parameter.name]
        elif parameter.default is inspect.Parameter.empty:
            raise MissingDependency(
                f"{function.__module__}.{function.__qualname__} needs `{parameter.name}`, "
                f"which is not among {sorted(dependencies)}"
            )

    def bound(*args: object) -> Any:
        return function(*args, **named)

    bound.__name__ = bound.__qualname__ = function.__name__
    return bound


def _dispatcher(
    queue: Queue, dependencies: Mapping[str, object]
) -> Callable[[Session, Event], None]:
    handlers = {kind: bind(handler, dependencies, 2) for kind, handler in queue.handlers.items()}

    def handle(session: Session, event: Event) -> None:
        # The queue is bound to exactly these types; anything else is a bug and gets parked.
        # The handler receives the typed event (`decode` refuses data its contract does not fit).
        handlers[event.type](session, decode(event))

    handle.__name__ = handle.__qualname__ = queue.name
    return handle


def subscriptions(
    queues: Iterable[Queue], dependencies: Mapping[str, object]
) -> list[Subscription]:
    """What the consumer runs: one subscription per queue, its handlers bound to `dependencies`."""
    return [
        Subscription(queue.name, tuple(queue.handlers), _dispatcher(queue, dependencies))
        for queue in queues
    ]


@dataclass(frozen=True)
class Wiring:
    """A service wired: its settings, database, clock, every dependency and its subscriptions."""

    settings: Settings
    database: Database
    clock: Clock
    dependencies: Mapping[str, object]
    subscriptions: list[Subscription]

    def call(self, function: Callable[..., Any]) -> Any:
        """Run a job factory or hook with the dependencies it names."""
        return call(function, self.dependencies)


def bootstrap(
    service: str,
    handlers: ModuleType | Iterable[Queue],
    *,
    settings: Settings | None = None,
    database: Database | None = None,
    clock: Clock = utc_now,
    **dependencies: object,
) -> Wiring:
    """Wire `service`: `handlers` is its handlers module (`QUEUES`, optional `DEPENDENCIES`) or a
    list of queues; keyword arguments add or replace dependencies (tests pass their own)."""
    settings = settings or load_settings(service)
    database = database or Database(settings.database_url)
    if isinstance(handlers, ModuleType):
        queues = list(handlers.QUEUES)
        providers: Mapping[str, Callable[..., Any]] = getattr(handlers, "DEPENDENCIES", {})
    else:
        queues, providers = list(handlers), {}
    known: dict[str, object] = {"settings": settings, "database": database, "clock": clock}
    for name, provide in providers.items():
        if name not in dependencies:
            known[name] = call(provide, {**known, **dependencies})
    known.update(dependencies)
    return Wiring(settings, database, clock, known, subscriptions(queues, known))

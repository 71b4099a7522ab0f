"""One wiring recipe: handlers get the session, the event and the dependencies they name."""

import importlib
import importlib.util
import pkgutil
from datetime import UTC, datetime
from types import ModuleType

import pytest

import sammen
import sammen.formats
from sammen.bootstrap import MissingDependency, Queue, bootstrap, call
from sammen.bus import new_event
from sammen.config import load_settings
from sammen.testing import SetClock

T0 = datetime(2026, 12, 1, 9, tzinfo=UTC)
SETTINGS = load_settings("routing", {"ROUTING_FIRST_RESPONSE_DAYS": "3"})
# A pure unit test: the handlers below never touch the session or the database.
SESSION, DATABASE = object(), object()


def wired(queues, **dependencies):
    return bootstrap(
        "routing", queues, settings=SETTINGS, database=DATABASE, clock=SetClock(T0), **dependencies
    )


def test_each_handler_gets_only_the_dependencies_it_names_by_parameter_name():
    seen = []

    def on_idea_submitted(session, event, clock, settings):
        seen.append(("idea", session, event.type, clock(), settings.service))

    def on_idea_joined(session, event):
        seen.append(("joined", session, event.type))

    queues = [
        Queue("routing.ideas", {"idea.submitted": on_idea_submitted}),
        Queue("routing.dialogue", {"dialogue.idea_joined": on_idea_joined}),
    ]
    [ideas, dialogue] = wired(queues).subscriptions
    assert (ideas.queue, ideas.routing_keys) == ("routing.ideas", ("idea.submitted",))
    ideas.handler(SESSION, new_event("intake", "idea.submitted", "1", {}))
    dialogue.handler(SESSION, new_event("idea_board", "dialogue.idea_joined", "2", {}))
    assert seen == [
        ("idea", SESSION, "idea.submitted", T0, "routing"),
        ("joined", SESSION, "dialogue.idea_joined"),
    ]


def test_one_queue_hands_each_event_type_to_its_own_handler():
    seen = []
    queue = Queue(
        "intake.case-status",
        {
            "case.assigned": lambda session, event: seen.append(("assigned", event.subject)),
            "case.published": lambda session, event: seen.append(("published", event.subject)),
        },
    )
    [subscription] = wired([queue]).subscriptions
    assert subscription.routing_keys == ("case.assigned", "case.published")
    subscription.handler(SESSION, new_event("routing", "case.published", "c1", {}))
    subscription.handler(SESSION, new_event("routing", "case.assigned", "c2", {}))
    assert seen == [("published", "c1"), ("assigned", "c2")]


def test_a_service_s_own_dependencies_are_made_from_the_ones_they_name():
    seen = []

    def on_idea_submitted(session, event, first_response_days):
        seen.append(first_response_days)

    def first_response_days(settings):
        return int(settings.get("ROUTING_FIRST_RESPONSE_DAYS"))

    module = ModuleType("handlers")
    module.QUEUES = [Queue("routing.ideas", {"idea.submitted": on_idea_submitted})]
    module.DEPENDENCIES = {"first_response_days": first_response_days}
    wiring = wired(module)
    wiring.subscriptions[0].handler(SESSION, new_event("intake", "idea.submitted", "1", {}))
    assert seen == [3]
    assert wiring.dependencies["first_response_days"] == 3
    # A test replaces any dependency by name.
    replaced = wired(module, first_response_days=9)
    replaced.subscriptions[0].handler(SESSION, new_event("intake", "idea.submitted", "1", {}))
    assert seen == [3, 9]


def test_a_handler_naming_what_nobody_provides_fails_at_start_not_at_its_first_event():
    def on_idea_submitted(session, event, mailer):
        raise AssertionError("never called")

    with pytest.raises(MissingDependency, match="mailer"):
        wired([Queue("routing.ideas", {"idea.submitted": on_idea_submitted})])


def test_jobs_and_hooks_are_called_with_the_dependencies_they_name_and_their_defaults():
    def jobs(database, clock, every=5.0):
        return [(database, clock(), every)]

    assert call(jobs, {"database": "db", "clock": SetClock(T0), "settings": SETTINGS}) == [
        ("db", T0, 5.0)
    ]


def _handlers_modules():
    """Every service's and pilot format's handlers module, as installed."""
    found = set()
    for package in (sammen, sammen.formats):
        for info in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            if info.ispkg and importlib.util.find_spec(f"{info.name}.handlers"):
                found.add(f"{info.name}.handlers")
    return sorted(found)


@pytest.mark.parametrize("name", _handlers_modules())
def test_every_service_declares_its_queues_one_way_and_wires_with_the_defaults(name):
    module = importlib.import_module(name)
    service = name.split(".")[-2]
    wiring = bootstrap(
        service, module, settings=load_settings(service, {}), database=DATABASE, clock=SetClock(T0)
    )
    assert wiring.subscriptions, name
    for queue in module.QUEUES:
        assert queue.name.split(".")[0] == service, queue.name
        for handler in queue.handlers.values():
            assert handler.__name__.startswith("on_"), handler

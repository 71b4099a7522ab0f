"""The event catalogue (docs/events.md), the contract types (`sammen.contracts`) and every service's
subscriptions tell one story: every event, its fields, its personal data and who consumes it."""

from __future__ import annotations

import dataclasses
import importlib
import re
import typing
from pathlib import Path

import pytest

from sammen.bootstrap import Queue
from sammen.contracts import CATALOGUE
from sammen.contracts.base import OMIT_NONE, WIRE_NAME
from sammen.testing.events import FACTORIES

CATALOGUE_PAGE = Path(__file__).parents[2] / "docs" / "events.md"
FIELD = re.compile(r"`([a-z_]+)`( \*personal\*)?")
CONSUMER = re.compile(r"^([a-z_]+) \(`([a-z_.-]+)`\)$")


HANDLERS = {  # the bus's service name: its handlers module
    "intake": "sammen.intake.handlers",
    "routing": "sammen.routing.handlers",
    "notify": "sammen.notify.handlers",
    "calendar": "sammen.calendar.handlers",
    "dialogue": "sammen.dialogue.handlers",
    "idea_board": "sammen.formats.idea_board.handlers",
    "hearing": "sammen.formats.hearing.handlers",
}


def _queues() -> dict[str, list[Queue]]:
    """Every service's queues, as its worker wires them."""
    return {service: importlib.import_module(name).QUEUES for service, name in HANDLERS.items()}


def _depth_zero(text: str) -> str:
    """`text` without what stands in (), {} or []: the top level of a data column."""
    kept, depth = [], 0
    for char in text:
        if char in "({[":
            depth += 1
        elif char in ")}]":
            depth -= 1
        elif depth == 0:
            kept.append(char)
    return "".join(kept)


def _split_top(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        if char in "({[":
            depth += 1
        elif char in ")}]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return [*parts, current.strip()] if current.strip() else parts


def _rows() -> dict[str, dict[str, object]]:
    """Each catalogued short type: its top-level fields, its personal ones, its consumers."""
    rows: dict[str, dict[str, object]] = {}
    for line in CATALOGUE_PAGE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| `"):
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert len(cells) == 5, f"a catalogue row has five columns: {line[:60]}"
        types, _, _, data, consumers = cells
        # The field list ends where the notes begin (" — …").
        top = _depth_zero(data).split(" — ")[0]
        fields = FIELD.findall(top)
        for short in re.findall(r"`([a-z_]+\.[a-z_]+)`", types):
            rows[short] = {
                "fields": {name for name, _ in fields},
                "personal": {name for name, mark in fields if mark},
                "consumers": consumers,
            }
    return rows


ROWS = _rows()


def _consumers(cell: str) -> set[tuple[str, str]]:
    if cell.startswith(("none", "planned")):
        return set()
    entries = _split_top(cell)
    found = {match.groups() for entry in entries if (match := CONSUMER.match(entry))}
    assert len(found) == len(entries), f"unreadable consumers: {cell}"
    return found


def test_every_catalogued_event_has_a_contract_and_every_contract_is_catalogued():
    assert set(ROWS) == set(CATALOGUE)
    assert set(FACTORIES) == set(CATALOGUE)  # and a test factory each


@pytest.mark.parametrize("short_type", sorted(CATALOGUE))
def test_a_contracts_fields_and_personal_data_are_the_catalogues(short_type):
    contract, row = CATALOGUE[short_type], ROWS[short_type]
    names = {item.metadata.get(WIRE_NAME, item.name) for item in dataclasses.fields(contract)}
    assert names == row["fields"]
    assert set(contract.personal_fields()) == row["personal"]
    # The factory's event is complete: its data carries every field but those left out when empty.
    data = FACTORIES[short_type]().to_data()
    omitted = {item.name for item in dataclasses.fields(contract) if item.metadata.get(OMIT_NONE)}
    assert names - omitted <= set(data) <= names


def test_every_consumer_named_is_a_real_subscription_and_every_subscription_is_named():
    catalogued = {
        (service, queue, short)
        for short, row in ROWS.items()
        for service, queue in _consumers(str(row["consumers"]))
    }
    subscribed = {
        (service, queue.name, key)
        for service, queues in _queues().items()
        for queue in queues
        for key in queue.handlers
    }
    assert catalogued - subscribed == set(), "named in the catalogue, subscribed by nobody"
    assert subscribed - catalogued == set(), "subscribed, missing from the catalogue"


def test_every_handler_takes_the_typed_event_of_its_keys():
    for service, queues in _queues().items():
        for queue in queues:
            assert queue.name.startswith(service + "."), queue.name
            for key, handler in queue.handlers.items():
                taken = typing.get_type_hints(handler)["event"]
                accepted = typing.get_args(taken) or (taken,)  # a union, or one type
                assert any(issubclass(CATALOGUE[key], kind) for kind in accepted), (
                    f"{queue.name}: {handler.__name__} for {key}"
                )


def test_an_event_nobody_consumes_says_so_and_why():
    unconsumed = {short for short, row in ROWS.items() if not _consumers(str(row["consumers"]))}
    for short in unconsumed:
        reason = str(ROWS[short]["consumers"])
        assert re.match(r"^(none|planned): \S", reason), f"{short}: {reason}"

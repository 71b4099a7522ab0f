"""The event contracts: data in and out as it travels, refusals naming the field, the envelope."""

from __future__ import annotations

import dataclasses

import pytest

from sammen.bus.envelope import InvalidEvent, new_event
from sammen.contracts import (
    AccessRequested,
    CaseHandedOver,
    CaseStatusChanged,
    ErasureRequested,
    NotificationRequested,
    decode,
)
from sammen.testing.events import (
    FACTORIES,
    case_status_changed,
    data_reported,
    envelope,
    received,
    responsible,
)


@pytest.mark.parametrize("short_type", sorted(FACTORIES))
def test_every_event_reads_back_what_it_wrote(short_type):
    event = FACTORIES[short_type]()
    assert type(event).from_data(event.to_data()) == event
    assert decode(envelope(event)) == event


def test_a_python_keyword_travels_under_its_own_name():
    data = case_status_changed(from_="assigned", to="trial").to_data()
    assert (data["from"], data["to"]) == ("assigned", "trial") and "from_" not in data


def test_nested_shapes_travel_as_objects_and_come_back_typed():
    changed = case_status_changed(
        responsible=responsible(unit="Biblioteket", name=None, email=None)
    )
    data = changed.to_data()
    assert data["responsible"] == {"unit": "Biblioteket", "name": None, "email": None}
    assert CaseStatusChanged.from_data(data).responsible.unit == "Biblioteket"


def test_an_optional_field_without_a_value_is_left_out_not_null():
    assert set(data_reported(kept=None, data=None).to_data()) == {
        "request_id",
        "service",
        "kind",
        "summary",
    }


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"to": None}, "to is null"),
        ({"agent": "Agnete"}, "agent is not an object"),
        ({"responsible": {"name": "Ida"}}, "missing field responsible.unit"),
    ],
)
def test_data_its_contract_cannot_read_is_refused_naming_the_field(change, named):
    data = case_status_changed().to_data() | change
    with pytest.raises(InvalidEvent, match=named):
        CaseStatusChanged.from_data(data)


def test_a_missing_field_is_refused_by_name():
    data = case_status_changed().to_data()
    del data["changed_at"]
    with pytest.raises(InvalidEvent, match="missing field changed_at"):
        CaseStatusChanged.from_data(data)


def test_a_list_of_shapes_names_the_item_at_fault():
    handed = CaseHandedOver.from_data(FACTORIES["case.handed_over"]().to_data())
    data = handed.to_data() | {"history": [{"kind": "received"}]}
    with pytest.raises(InvalidEvent, match=r"missing field history\[0\]\.at"):
        CaseHandedOver.from_data(data)


def test_a_received_event_carries_its_envelope_and_a_built_one_does_not():
    built = case_status_changed()
    got = received(built, service="routing")
    assert got == built and got.envelope.source == "/sammen/routing"
    assert got.envelope.subject == built.case_id
    with pytest.raises(AttributeError):
        built.envelope  # noqa: B018


def test_the_personal_fields_are_read_off_the_contract():
    assert CaseHandedOver.personal_fields() == ("initiator",)
    assert ErasureRequested.personal_fields() == ("email",)


def test_an_event_of_another_type_or_outside_the_catalogue_is_refused():
    with pytest.raises(InvalidEvent, match=r"is not case\.status_changed"):
        CaseStatusChanged.from_event(envelope(FACTORIES["case.assigned"]()))
    with pytest.raises(InvalidEvent, match="not in the event catalogue"):
        decode(new_event("test", "test.unknown", None, {}))


def test_a_contract_names_its_type_and_subject_as_it_is_declared_and_a_subclass_keeps_them():
    assert (CaseStatusChanged.TYPE, CaseStatusChanged.SUBJECT) == ("case.status_changed", "case_id")
    assert (AccessRequested.TYPE, AccessRequested.SUBJECT) == (
        "person.access_requested",
        "request_id",
    )
    assert NotificationRequested.SUBJECT is None


def test_a_contract_is_frozen_and_built_by_name():
    event = case_status_changed()
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.title = "Noget andet"
    with pytest.raises(TypeError):
        CaseStatusChanged(*dataclasses.astuple(event))


def test_a_case_event_names_the_case_first():
    assert list(case_status_changed().to_data())[:5] == [
        "case_id",
        "idea_id",
        "tracking_code",
        "title",
        "from",
    ]

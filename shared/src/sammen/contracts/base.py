"""The machinery of event contracts: a frozen dataclass per event, converted to and from `data`.

A contract declares its fields with their JSON shapes (str, int, bool, float, lists, nested
`Shape`s, `X | None` where the catalogue allows null); times stay RFC 3339 strings as they travel.
Reading checks the structure — every required field present, null only where declared, objects
and lists where declared — and keeps scalar values as sent: handlers go on checking the values
they act on. A field the
catalogue marks *personal* carries `PERSONAL` metadata, so the privacy rules read off the code.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Mapping
from datetime import datetime
from typing import (
    Any,
    ClassVar,
    Self,
    Union,
    dataclass_transform,
    get_args,
    get_origin,
    get_type_hints,
)

from sammen.bus.envelope import Event, InvalidEvent, new_event

PERSONAL_KEY = "personal"
WIRE_NAME = "name"  # a field whose JSON name is a Python keyword (`from`)
OMIT_NONE = "omit_none"  # absent from the data rather than null when it has no value

# Field metadata: `field(metadata=PERSONAL)` marks personal data — only the consumers the catalogue
# names may store it; `field(default=None, metadata=OMITTED)` a field the data leaves out when it
# has no value (the catalogue's "optional" or "or absent").
PERSONAL: Mapping[str, Any] = types.MappingProxyType({PERSONAL_KEY: True})
OMITTED: Mapping[str, Any] = types.MappingProxyType({OMIT_NONE: True})


def wire(name: str) -> Mapping[str, Any]:
    """Metadata of a field whose name in the event's data is `name` (a Python keyword: `from`)."""
    return types.MappingProxyType({WIRE_NAME: name})


@dataclass_transform(
    kw_only_default=True, frozen_default=True, field_specifiers=(dataclasses.field,)
)
class Shape:
    """A JSON object of a contract: the event's data itself, or a nested part (agent, registrant).
    Every subclass is a frozen dataclass whose fields are given by name."""

    # Set on every subclass; declared so `dataclasses.fields` accepts a Shape.
    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        dataclasses.dataclass(frozen=True, kw_only=True)(cls)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Self:
        """Read `data`; a missing field or a wrong structure raises `InvalidEvent` naming it."""
        return cls._read(data, "")

    @classmethod
    def _read(cls, data: Any, path: str) -> Self:
        if not isinstance(data, dict):
            raise InvalidEvent(f"{path or 'data'} is not an object")
        hints = _hints(cls)
        values: dict[str, Any] = {}
        for item in dataclasses.fields(cls):
            name = item.metadata.get(WIRE_NAME, item.name)
            where = f"{path}.{name}" if path else name
            if name in data:
                values[item.name] = _read_value(hints[item.name], data[name], where)
            elif (
                item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING
            ):
                raise InvalidEvent(f"missing field {where}")
        return cls(**values)

    def to_data(self) -> dict[str, Any]:
        """The JSON object, as it travels."""
        data: dict[str, Any] = {}
        for name, wire_name, omit_none in _writing(type(self)):
            value = getattr(self, name)
            if value is None and omit_none:
                continue
            data[wire_name] = _write_value(value)
        return data

    @classmethod
    def personal_fields(cls) -> tuple[str, ...]:
        """The fields (by their names in the data) marked as personal data."""
        return tuple(
            item.metadata.get(WIRE_NAME, item.name)
            for item in dataclasses.fields(cls)
            if item.metadata.get(PERSONAL_KEY)
        )


class Contract(Shape):
    """An event of the catalogue: `TYPE` is its short type (the routing key), `SUBJECT` the field
    holding its aggregate id (the envelope's `subject`), `None` where the publisher names it. A
    contract names them as it is declared: `class X(Contract, event_type=…, subject=…)`; a
    subclass keeps what it does not name."""

    TYPE: ClassVar[str]
    SUBJECT: ClassVar[str | None] = None

    def __init_subclass__(
        cls, event_type: str | None = None, subject: str | None = None, **kwargs: Any
    ) -> None:
        super().__init_subclass__(**kwargs)
        if event_type is not None:
            cls.TYPE = event_type
        if subject is not None:
            cls.SUBJECT = subject

    def to_event(
        self, service: str, now: datetime | None = None, subject: str | None = None
    ) -> Event:
        """The envelope `service` publishes this event in (through its outbox)."""
        if subject is None and self.SUBJECT is not None:
            value = getattr(self, self.SUBJECT)
            subject = None if value is None else str(value)
        return new_event(service, self.TYPE, subject, self.to_data(), now)

    @classmethod
    def from_event(cls, event: Event) -> Self:
        """The event a handler receives: the data read with this contract, the envelope kept."""
        if event.type != cls.TYPE:
            raise InvalidEvent(f"{event.type} is not {cls.TYPE}")
        received = cls.from_data(event.data)
        # Not a field: the envelope is how the event travelled, not what it says.
        object.__setattr__(received, "_envelope", event)
        return received

    @property
    def envelope(self) -> Event:
        """The envelope a received event came in (its id, time, subject, source)."""
        try:
            return self.__dict__["_envelope"]
        except KeyError:
            raise AttributeError(f"{self.TYPE} was built here, not received") from None


# Each class's hints, read once (a dict rather than functools.cache, whose typing does not take
# a class as a hashable argument).
_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = get_type_hints(cls)
    return _HINTS[cls]


# Each class's fields as written: (attribute, name in the data, left out when None), read once
# (`dataclasses.fields` builds its tuple anew on every call, for every event a service emits).
_WRITING: dict[type, tuple[tuple[str, str, bool], ...]] = {}


def _writing(cls: type) -> tuple[tuple[str, str, bool], ...]:
    if cls not in _WRITING:
        _WRITING[cls] = tuple(
            (item.name, item.metadata.get(WIRE_NAME, item.name), bool(item.metadata.get(OMIT_NONE)))
            for item in dataclasses.fields(cls)
        )
    return _WRITING[cls]


def _read_value(hint: Any, value: Any, path: str) -> Any:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        if value is None:
            if type(None) in get_args(hint):
                return None
            raise InvalidEvent(f"{path} is null")
        (inner,) = [arg for arg in get_args(hint) if arg is not type(None)]
        return _read_value(inner, value, path)
    if isinstance(hint, type) and issubclass(hint, Shape):
        return hint._read(value, path)
    if origin is list:
        if not isinstance(value, list):
            raise InvalidEvent(f"{path} is not a list")
        (inner,) = get_args(hint)
        return [_read_value(inner, item, f"{path}[{n}]") for n, item in enumerate(value)]
    if origin is dict and not isinstance(value, dict):
        raise InvalidEvent(f"{path} is not an object")
    if value is None and hint is not Any:
        raise InvalidEvent(f"{path} is null")
    return value


def _write_value(value: Any) -> Any:
    if isinstance(value, Shape):
        return value.to_data()
    if isinstance(value, list):
        return [_write_value(item) for item in value]
    return value

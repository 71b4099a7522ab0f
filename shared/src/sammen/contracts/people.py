"""The person events name to be told something: a name and an address."""

from __future__ import annotations

from dataclasses import dataclass

from sammen.contracts.base import Shape


@dataclass(frozen=True, kw_only=True)
class Person(Shape):
    name: str | None
    email: str | None

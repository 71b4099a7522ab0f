"""The person events name to be told something: a name and an address."""

from __future__ import annotations

from sammen.contracts.base import Shape


class Person(Shape):
    name: str | None
    email: str | None

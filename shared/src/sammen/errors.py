"""Domain errors: what a use case refuses, in the domain's words; the web layer picks the status.

A service's own errors derive from these three (e.g. a hearing past its deadline is a `Refused`
on `deadline`), so the domain and service layers know nothing of HTTP; `sammen.web.errors` maps
them to 404, 409 and 422 for every service's API.
"""

from __future__ import annotations


class DomainError(Exception):
    """A refusal with its `message` and, where one input or state is at fault, its `field`."""

    message = "The request was refused."
    field: str | None = None

    def __init__(self, message: str | None = None, field: str | None = None) -> None:
        self.message = message or self.message
        self.field = field or self.field
        super().__init__(self.text)

    @property
    def text(self) -> str:
        """The message, led by the field it concerns."""
        return f"{self.field}: {self.message}" if self.field else self.message


class NotFound(DomainError):
    """What was asked for does not exist."""


class Conflict(DomainError):
    """The request clashes with the state things are in now (it may succeed later)."""


class Refused(DomainError):
    """Input the rules refuse; `field` names it, `location` says where it came (`json`, `headers`)."""

    location = "json"

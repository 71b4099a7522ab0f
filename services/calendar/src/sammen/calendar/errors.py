"""The calendar's refusals; they say what is wrong, and the API and the pages say it in HTTP."""

from __future__ import annotations


class InvalidValue(ValueError):
    """A value that breaks a rule; `field` names the input that is wrong.

    `template` is the Danish msgid and `values` fill its placeholders, so a page can translate
    it; `message` is the Danish text the API answers with.
    """

    def __init__(self, field: str, template: str, **values: object) -> None:
        message = template % values if values else template
        super().__init__(message)
        self.field = field
        self.template = template
        self.values = values
        self.message = message


class NotFound(Exception):
    """No such event (or not one this person may see)."""


class Forbidden(Exception):
    """This staff member may not write for these organizers."""


class RegistrationRefused(Exception):
    """Signing up is not possible: `reason` says why, in Danish."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

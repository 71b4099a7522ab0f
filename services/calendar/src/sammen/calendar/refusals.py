"""Why an action on a meeting or a proposal cannot be done now (the API answers 409)."""

from __future__ import annotations


class Refused(Exception):
    """`reason` is the Danish msgid (pages translate it); `values` fill its placeholders."""

    def __init__(self, reason: str, **values: object) -> None:
        super().__init__(reason % values if values else reason)
        self.reason = reason
        self.values = values
        self.message = str(self)

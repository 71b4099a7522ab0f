"""What routing's use cases refuse, in the domain's words: the API and the pages give them HTTP codes."""

from __future__ import annotations


class NotFound(LookupError):
    """The case, account or link target does not exist."""


class NotAllowed(PermissionError):
    """The staff member may not act on the case (`may_act_on`)."""


class Refused(ValueError):
    """Input the rules refuse: `field` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


class Conflict(Refused):
    """A request at odds with the case's state (already published, no consent): not bad input."""

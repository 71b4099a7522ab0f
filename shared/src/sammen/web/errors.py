"""Domain errors as HTTP: every service's API answers a `sammen.errors` refusal the same way."""

from __future__ import annotations

from werkzeug.exceptions import HTTPException, default_exceptions

from sammen.errors import Conflict, DomainError, NotFound, Refused

HTTP_STATUS: dict[type[DomainError], int] = {NotFound: 404, Conflict: 409, Refused: 422}


def status_for(error: DomainError) -> int:
    """The status of the nearest kind of domain error (a bare one is a 422)."""
    for kind in type(error).__mro__:
        if kind in HTTP_STATUS:
            return HTTP_STATUS[kind]
    return 422


def as_http(error: DomainError) -> HTTPException:
    """The HTTP error the API's error handler answers with: the message naming the field, and for
    refused input the field under `errors` as the schemas' own 422s have it."""
    http = default_exceptions[status_for(error)]()
    data: dict[str, object] = {"message": error.text}
    if isinstance(error, Refused) and error.field:
        data["errors"] = {error.location: {error.field: [error.message]}}
    http.data = data  # type: ignore[attr-defined]
    return http

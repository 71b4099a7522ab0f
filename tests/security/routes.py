"""What an app's url_map says about itself: its staff views (marked by `staff_api`/`staff_page`),
its forms, its pages — so the security tests cover every route, present and future."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from flask import Flask
from werkzeug.routing import Rule

STATE_CHANGING = ("POST", "PUT", "PATCH", "DELETE")
_ARGUMENT = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


@dataclass(frozen=True)
class Route:
    rule: str
    method: str
    endpoint: str
    kind: str | None  # "api" or "page" for staff views, None for public ones
    roles: tuple[str, ...]

    @property
    def is_api(self) -> bool:
        return self.rule.startswith("/api/")

    @property
    def url(self) -> str:
        """The rule with a made-up value for each argument: authorization comes before look-up."""
        return _ARGUMENT.sub(lambda m: "1" if m.group(1) == "int" else "sikkerhedstest", self.rule)

    def __str__(self) -> str:
        return f"{self.method} {self.rule}"


def routes(app: Flask) -> Iterator[Route]:
    rule: Rule
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            yield Route(
                rule=rule.rule,
                method=method,
                endpoint=rule.endpoint,
                kind=getattr(view, "staff_kind", None),
                roles=tuple(getattr(view, "staff_roles", ())),
            )


def staff_routes(app: Flask) -> list[Route]:
    return [r for r in routes(app) if r.kind is not None]


def forms(app: Flask) -> list[Route]:
    """Every state-changing route a browser posts to (the JSON API takes no cookies)."""
    return [r for r in routes(app) if r.method in STATE_CHANGING and not r.is_api]


def pages(app: Flask) -> list[Route]:
    """Every GET route that renders for a browser (not the API, files, feeds or operations)."""
    skip = re.compile(r"static|^/(healthz|readyz|metrics|openapi\.json)$|\.(ics|csv)$|/html$")
    return [
        r for r in routes(app) if r.method == "GET" and not r.is_api and not skip.search(r.rule)
    ]

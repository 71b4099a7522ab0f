"""An idea as a client sends it to intake's API (`POST /api/v1/ideas`): valid and complete, any
field overridable, with the development API key to send it with."""

from __future__ import annotations

from typing import Any

# Intake's development API key (the gentofte.dk form's), as its clients send it.
INTAKE_AUTH = {"Authorization": "Bearer dev-intake-key"}


def idea_body(**changes: Any) -> dict[str, Any]:
    """Anna Jensen's book-swap shelf from the gentofte.dk form: she may be contacted, nothing is
    published. `changes` replace whole fields (`initiator`, `consent` as dicts)."""
    body: dict[str, Any] = {
        "title": "Bytte-reol på biblioteket",
        "description": "En reol hvor naboer bytter bøger, spil og frø.",
        "theme": "kultur-og-fritid",
        "channel": "gentofte.dk",
        "initiator": {"name": "Anna Jensen", "email": "anna.jensen@example.dk"},
        "consent": {"contact": True, "publish": False},
    }
    return body | changes

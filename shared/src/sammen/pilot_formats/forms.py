"""What a digital-dialogue page reads from a posted form: the fields people filled in, without the
machinery (the CSRF token, the honeypot a bot fills in), and the refusal when the honeypot is."""

from __future__ import annotations

from flask import request
from flask_babel import gettext as _

from sammen.web.form_guard import HONEYPOT

MACHINERY = (HONEYPOT, "csrf_token")


def posted_values() -> dict[str, str]:
    """The posted fields people filled in."""
    return {k: v for k, v in request.form.to_dict().items() if k not in MACHINERY}


def public_form() -> tuple[dict[str, str], str | None]:
    """A public form's values, and a message for the form when the honeypot was filled in."""
    trapped = request.form.get(HONEYPOT)
    refusal = _("Lad feltet ”Hjemmeside” være tomt, og send igen.") if trapped else None
    return posted_values(), refusal

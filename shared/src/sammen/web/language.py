"""The page language: Danish by default, English when asked for by `?lang=` or the cookie."""

from __future__ import annotations

from flask import request

LANGUAGES = ("da", "en")
LANGUAGE_COOKIE = "sammen_lang"


def select_language() -> str:
    """Flask-Babel's locale: the request's `lang`, else the remembered choice, else Danish."""
    chosen = request.args.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
    return chosen if chosen in LANGUAGES else "da"

"""Bot resistance for the public forms: a field people never see (bots fill it in) and a signed
time the form was shown (a post faster than a person types is taken for a bot)."""

from __future__ import annotations

import time
from collections.abc import Mapping

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, TimestampSigner

HONEYPOT = "website"
STARTED = "started"
FORM_LIFETIME_SECONDS = 24 * 3600


class FormGuard:
    """One form's guard: `salt` keeps its signed times apart from other forms', and the setting
    `min_fill_setting` is the fewest seconds a person takes (default 3)."""

    def __init__(self, salt: str, min_fill_setting: str) -> None:
        self.salt = salt
        self.min_fill_setting = min_fill_setting

    def _signer(self) -> TimestampSigner:
        return TimestampSigner(current_app.config["SECRET_KEY"], salt=self.salt)

    def started(self) -> str:
        """The form's hidden `started` value, signed."""
        return self._signer().sign(str(time.time())).decode()

    def refusal(self, form: Mapping[str, str]) -> str | None:
        """A message when the post looks automated: the hidden field filled, or sent too fast."""
        if form.get(HONEYPOT):
            return _("Lad feltet ”Hjemmeside” være tomt, og send igen.")
        settings = current_app.config["SAMMEN_SETTINGS"]
        minimum = float(settings.get(self.min_fill_setting, "3"))
        try:
            signed = form.get(STARTED, "")
            started = float(self._signer().unsign(signed, max_age=FORM_LIFETIME_SECONDS))
        except (BadSignature, ValueError):
            return _("Formularen er for gammel. Tjek dine oplysninger, og send igen.")
        if time.time() - started < minimum:
            return _("Formularen blev sendt meget hurtigt. Tjek dine oplysninger, og send igen.")
        return None

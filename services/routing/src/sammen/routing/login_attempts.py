"""Failed logins counted per account, from every address and in every web worker together.

The per-address limit (ROUTING_LOGIN_RATE_LIMIT) stops one address; this one stops guessing one
account's password from many. Past ROUTING_LOGIN_ACCOUNT_RATE_LIMIT failures the account takes no
password at all until the window ends — the right one neither, or the limit would tell when a guess
was right. The counts live in the service's rate-limit store (`sammen.web.rate_limits`), keyed by the
e-mail address as typed, whether or not an account has it, so the answer tells nothing either.
"""

from __future__ import annotations

import math
import time

from flask import current_app
from limits import RateLimitItem, parse_many

from sammen.routing.settings import login_account_rate_limit
from sammen.web import limiter

_SCOPE = "login-account"


def _limits() -> list[RateLimitItem]:
    return parse_many(login_account_rate_limit(current_app.config["SAMMEN_SETTINGS"]))


def _counting() -> bool:
    return bool(current_app.config["RATELIMIT_ENABLED"])


def _key(email: str) -> str:
    return email.strip().lower()


def seconds_locked(email: str) -> int:
    """How long the account takes no password yet (0: it takes one now)."""
    if not _counting() or not _key(email):
        return 0
    strategy = limiter.limiter
    resets = [
        strategy.get_window_stats(item, _SCOPE, _key(email)).reset_time
        for item in _limits()
        if not strategy.test(item, _SCOPE, _key(email))
    ]
    return max(1, math.ceil(max(resets) - time.time())) if resets else 0


def record_failure(email: str) -> None:
    if _counting() and _key(email):
        for item in _limits():
            limiter.limiter.hit(item, _SCOPE, _key(email))

"""Intake's rules, free of Flask and SQLAlchemy: themes, channels, tracking codes, the status view."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from sammen.randomness import random_bytes, token_urlsafe
from sammen.vocabulary import (
    AGE_GROUPS,
    CHANNELS,
    N_,
    THEMES,
    TRACKING_LENGTH,
    normalise_tracking_code,
)
from sammen.vocabulary import CASE_STATUSES as STATUS_NAMES

__all__ = [
    "AGE_GROUPS",
    "CHANNELS",
    "N_",
    "STATUS_NAMES",
    "THEMES",
    "TRACKING_LENGTH",
    "normalise_tracking_code",
]


# Channels a citizen may choose on the public form (tablets in Deltag-bilen use its own link).
FORM_CHANNELS = ("web", "deltag-bilen")

# No look-alikes: no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B; read aloud letter by letter.
TRACKING_ALPHABET = "ACDEFHJKMNPQRTUVWXY3479"


# A case in one of these statuses is over: the initiator's write-back link expires with it.
FINAL_STATUSES = frozenset({"realised", "returned_to_initiator", "declined", "withdrawn"})
REPLY_TOKEN_BYTES = 32


def new_reply_token() -> str:
    """The secret in the initiator's write-back link: 256 random bits, never guessable."""
    return token_urlsafe(REPLY_TOKEN_BYTES)


def reply_token_hash(token: str) -> str:
    """What intake keeps of a reply token. SHA-256 suffices: the token is random, not a password."""
    return hashlib.sha256(token.encode()).hexdigest()


def replies_open_after(status_to: str, status_from: str, open_now: bool) -> bool:
    """Whether the write-back link works after a status change: a case that ends closes it, one
    reopened from an end opens it again."""
    if status_to in FINAL_STATUSES:
        return False
    if status_from in FINAL_STATUSES:
        return True
    return open_now


# A random byte below this maps evenly onto the alphabet (byte % its length); the bytes above it
# are passed over, so no letter is likelier than another.
_EVEN_BYTES = 256 - 256 % len(TRACKING_ALPHABET)


def new_tracking_code(draw: Callable[[int], bytes] = random_bytes) -> str:
    """`TRACKING_LENGTH` letters of the alphabet, each as likely as any other, as `XXXX-XXXX`."""
    letters = ""
    while len(letters) < TRACKING_LENGTH:
        letters += "".join(
            TRACKING_ALPHABET[byte % len(TRACKING_ALPHABET)]
            for byte in draw(TRACKING_LENGTH)
            if byte < _EVEN_BYTES
        )
    return f"{letters[:4]}-{letters[4:TRACKING_LENGTH]}"


# The platform's own history lines, by kind: Danish msgids with the facts they are told with,
# translated into the reader's language where shown. A line the agent wrote keeps its words.
HISTORY_LINES = {
    "received": N_(
        "Tak for din idé. Den er modtaget, og en sparringsagent ser på den. "
        "Du får et første svar inden for 5 arbejdsdage."
    ),
    "assigned": N_("Din idé er givet til sparringsagent %(agent)s, som kontakter dig."),
    "published": N_("Idéen er nu vist i Idébanken."),
}


@dataclass(frozen=True)
class HistoryEntry:
    """One line of the public history: what happened, its facts, and any words to the initiator."""

    kind: str  # "received", "assigned", "status_changed", "published"
    status: str
    words: str | None = None  # what the agent wrote to the initiator, kept as written
    facts: dict[str, str] = field(default_factory=dict)

    @property
    def message(self) -> str | None:
        """The line in Danish."""
        return history_message(self.kind, self.words, self.facts)


def history_message(
    kind: str,
    words: str | None,
    facts: dict[str, str],
    translate: Callable[[str], str] = lambda text: text,
) -> str | None:
    """A history line as the reader sees it: the agent's words, else the platform's own line for
    its kind in the reader's language (`translate`), else nothing."""
    if words:
        return words
    if kind not in HISTORY_LINES:
        return None
    return translate(HISTORY_LINES[kind]) % facts


def entry_for_case_event(event_type: str, data: dict) -> HistoryEntry | None:
    """The public history line a case event adds, or None when the initiator sees nothing."""
    if event_type == "case.assigned" and data.get("agent"):
        facts = {"agent": data["agent"]["name"]}
        return HistoryEntry("assigned", data.get("status", "assigned"), facts=facts)
    if event_type == "case.status_changed":
        return HistoryEntry("status_changed", data["to"], data.get("message"))
    if event_type == "case.published":
        return HistoryEntry("published", data.get("status", ""))
    return None

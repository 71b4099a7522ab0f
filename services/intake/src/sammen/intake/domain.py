"""Intake's rules, free of Flask and SQLAlchemy: themes, channels, tracking codes, the status view."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

# Gentofte's policy areas, as citizens name them; the slug is the API value.
THEMES: dict[str, str] = {
    "boern-og-skole": "Børn og skole",
    "unge-og-uddannelse": "Unge og uddannelse",
    "kultur-og-fritid": "Kultur og fritid",
    "idraet-og-bevaegelse": "Idræt og bevægelse",
    "natur-klima-og-miljoe": "Natur, klima og miljø",
    "by-og-trafik": "By, bolig og trafik",
    "sundhed-og-forebyggelse": "Sundhed og forebyggelse",
    "aeldre-og-seniorliv": "Ældre og seniorliv",
    "handicap-og-social": "Handicap og det sociale område",
    "integration-og-faellesskab": "Integration og fællesskaber",
    "erhverv-og-beskaeftigelse": "Erhverv og beskæftigelse",
    "frivillighed-og-foreninger": "Frivillighed og foreningsliv",
    "andet": "Andet",
}

CHANNELS: dict[str, str] = {
    "web": "Formular på nettet",
    "gentofte.dk": "Formular på gentofte.dk",
    "deltag-bilen": "Deltag-bilen",
    "phone": "Telefon",
    "meeting": "Møde",
    "email": "E-mail",
    "staff-referral": "Henvist af en medarbejder",
}
# Channels a citizen may choose on the public form (tablets in Deltag-bilen use its own link).
FORM_CHANNELS = ("web", "deltag-bilen")

AGE_GROUPS: dict[str, str] = {
    "under-18": "Under 18 år",
    "18-29": "18–29 år",
    "30-49": "30–49 år",
    "50-66": "50–66 år",
    "67-plus": "67 år eller ældre",
    "uoplyst": "Vil ikke oplyse",
}

STATUS_NAMES: dict[str, str] = {
    "received": "Modtaget",
    "assigned": "Tildelt",
    "in_dialogue": "I dialog",
    "connected": "Koblet til andre",
    "trial": "Afprøves i det små",
    "handed_over": "Videregivet",
    "realised": "Realiseret",
    "returned_to_initiator": "Overdraget til initiativtageren, med støtte",
    "declined": "Afslået",
    "withdrawn": "Trukket tilbage",
}

# No look-alikes: no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B; read aloud letter by letter.
TRACKING_ALPHABET = "ACDEFHJKMNPQRTUVWXY3479"
TRACKING_LENGTH = 8


def new_tracking_code() -> str:
    chars = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))
    return f"{chars[:4]}-{chars[4:]}"


def normalise_tracking_code(text: str) -> str:
    """What a person types or reads aloud ("acdf hjkm", "ACDF-HJKM") to the stored form."""
    chars = "".join(ch for ch in text.upper() if ch.isalnum())
    return f"{chars[:4]}-{chars[4:]}" if len(chars) == TRACKING_LENGTH else chars


@dataclass(frozen=True)
class HistoryEntry:
    """One line of the public history: what happened, and the words sent to the initiator."""

    kind: str  # "received", "assigned", "status_changed", "published"
    status: str
    message: str | None


def entry_for_case_event(event_type: str, data: dict) -> HistoryEntry | None:
    """The public history line a case event adds, or None when the initiator sees nothing."""
    if event_type == "case.assigned" and data.get("agent"):
        agent = data["agent"]
        return HistoryEntry(
            "assigned",
            data.get("status", "assigned"),
            f"Din idé er givet til sparringsagent {agent['name']}, som kontakter dig.",
        )
    if event_type == "case.status_changed":
        return HistoryEntry("status_changed", data["to"], data.get("message"))
    if event_type == "case.published":
        return HistoryEntry("published", data.get("status", ""), "Idéen er nu vist i Idébanken.")
    return None

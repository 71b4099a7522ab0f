"""Intake's rules, free of Flask and SQLAlchemy: themes, channels, tracking codes, the status view."""

from __future__ import annotations

import secrets
from dataclasses import dataclass


def N_(message: str) -> str:
    """Marks a Danish text for the message catalogs; the pages translate it where it is shown."""
    return message


# Gentofte's policy areas, as citizens name them; the slug is the API value.
THEMES: dict[str, str] = {
    "boern-og-skole": N_("Børn og skole"),
    "unge-og-uddannelse": N_("Unge og uddannelse"),
    "kultur-og-fritid": N_("Kultur og fritid"),
    "idraet-og-bevaegelse": N_("Idræt og bevægelse"),
    "natur-klima-og-miljoe": N_("Natur, klima og miljø"),
    "by-og-trafik": N_("By, bolig og trafik"),
    "sundhed-og-forebyggelse": N_("Sundhed og forebyggelse"),
    "aeldre-og-seniorliv": N_("Ældre og seniorliv"),
    "handicap-og-social": N_("Handicap og det sociale område"),
    "integration-og-faellesskab": N_("Integration og fællesskaber"),
    "erhverv-og-beskaeftigelse": N_("Erhverv og beskæftigelse"),
    "frivillighed-og-foreninger": N_("Frivillighed og foreningsliv"),
    "andet": N_("Andet"),
}

CHANNELS: dict[str, str] = {
    "web": N_("Formular på nettet"),
    "gentofte.dk": N_("Formular på gentofte.dk"),
    "deltag-bilen": N_("Deltag-bilen"),
    "phone": N_("Telefon"),
    "meeting": N_("Møde"),
    "email": N_("E-mail"),
    "staff-referral": N_("Henvist af en medarbejder"),
}
# Channels a citizen may choose on the public form (tablets in Deltag-bilen use its own link).
FORM_CHANNELS = ("web", "deltag-bilen")

AGE_GROUPS: dict[str, str] = {
    "under-18": N_("Under 18 år"),
    "18-29": N_("18–29 år"),
    "30-49": N_("30–49 år"),
    "50-66": N_("50–66 år"),
    "67-plus": N_("67 år eller ældre"),
    "uoplyst": N_("Vil ikke oplyse"),
}

STATUS_NAMES: dict[str, str] = {
    "received": N_("Modtaget"),
    "assigned": N_("Tildelt"),
    "in_dialogue": N_("I dialog"),
    "connected": N_("Koblet til andre"),
    "trial": N_("Afprøves i det små"),
    "handed_over": N_("Videregivet"),
    "realised": N_("Realiseret"),
    "returned_to_initiator": N_("Overdraget til initiativtageren, med støtte"),
    "declined": N_("Afslået"),
    "withdrawn": N_("Trukket tilbage"),
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

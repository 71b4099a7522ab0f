"""The platform's shared words: the themes ideas have, the case statuses, the intake channels and
age groups. Every service shows the same Danish names; slugs are the values events carry."""

from __future__ import annotations


def N_(message: str) -> str:
    """Marks a Danish text for the message catalogs; pages translate it where they show it."""
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

# docs/architecture.md, "Case statuses": the API values and the Danish words the pages show.
CASE_STATUSES: dict[str, str] = {
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

CHANNELS: dict[str, str] = {
    "web": N_("Formular på nettet"),
    "gentofte.dk": N_("Formular på gentofte.dk"),
    "deltag-bilen": N_("Deltag-bilen"),
    "phone": N_("Telefon"),
    "meeting": N_("Møde"),
    "email": N_("E-mail"),
    "staff-referral": N_("Henvist af en medarbejder"),
}

# The receipt's tracking code (sporingskode), ABCD-EFGH: citizens read it aloud, staff type it in.
TRACKING_LENGTH = 8


def normalise_tracking_code(text: str) -> str:
    """What a person types or reads aloud ("acdf hjkm", "ACDF-HJKM") to the stored form."""
    chars = "".join(ch for ch in text.upper() if ch.isalnum())
    return f"{chars[:4]}-{chars[4:]}" if len(chars) == TRACKING_LENGTH else chars


AGE_GROUPS: dict[str, str] = {
    "under-18": N_("Under 18 år"),
    "18-29": N_("18–29 år"),
    "30-49": N_("30–49 år"),
    "50-66": N_("50–66 år"),
    "67-plus": N_("67 år eller ældre"),
    "uoplyst": N_("Vil ikke oplyse"),
}

"""Gentofte Talks proposals from the public: who may propose, their states, and what the
published Talk says of the initiative (pure rules)."""

from __future__ import annotations

from sammen.calendar.refusals import Refused
from sammen.vocabulary import N_

# Who may take the initiative to a Gentofte Talk: the recommendations' own list.
PROPOSER_TYPES: dict[str, str] = {
    "association": N_("Forening"),
    "business": N_("Virksomhed"),
    "organisation": N_("Organisation"),
    "citizen_group": N_("Borgergruppe"),
    "party": N_("Politisk parti"),
    "council": N_("Råd"),
    "task_committee": N_("Opgaveudvalg"),
    "municipal_council": N_("Kommunalbestyrelsen"),
}

# proposed → approved (a Talk in the calendar) | declined (with a reason the proposer gets).
PROPOSAL_STATES: dict[str, str] = {
    "proposed": N_("Afventer"),
    "approved": N_("Godkendt"),
    "declined": N_("Afvist"),
}

INITIATIVE_PREFIX = "Initiativ: "


def check_decidable(status: str) -> None:
    """Only a proposal still waiting is approved or declined (once)."""
    if status == "approved":
        raise Refused(N_("Forslaget er allerede godkendt."))
    if status == "declined":
        raise Refused(N_("Forslaget er allerede afvist."))


def talk_description(description: str, organisation: str, host_event: str) -> str:
    """The Talk's public text: the proposal, who took the initiative, the arrangement it joins."""
    parts = [description.strip(), INITIATIVE_PREFIX + organisation]
    if host_event:
        parts.append("Knyttet til: " + host_event)
    return "\n\n".join(parts)

"""Routing's rules, free of Flask and SQLAlchemy: themes and teams, the case lifecycle, assignment."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sammen.vocabulary import AGE_GROUPS, CASE_STATUSES, CHANNELS, N_, THEMES

# Routing's own copy of intake's theme slugs (services never import each other): slug → team.
THEME_TEAMS: dict[str, str] = {
    "boern-og-skole": "boern-og-unge",
    "unge-og-uddannelse": "boern-og-unge",
    "kultur-og-fritid": "kultur-og-fritid",
    "idraet-og-bevaegelse": "kultur-og-fritid",
    "frivillighed-og-foreninger": "kultur-og-fritid",
    "natur-klima-og-miljoe": "by-og-miljoe",
    "by-og-trafik": "by-og-miljoe",
    "sundhed-og-forebyggelse": "social-og-sundhed",
    "aeldre-og-seniorliv": "social-og-sundhed",
    "handicap-og-social": "social-og-sundhed",
    "integration-og-faellesskab": "social-og-sundhed",
    "erhverv-og-beskaeftigelse": "erhverv",
    "andet": "faelles",
}
THEME_NAMES = THEMES
TEAM_NAMES: dict[str, str] = {
    "boern-og-unge": N_("Børn og unge"),
    "kultur-og-fritid": N_("Kultur, fritid og foreninger"),
    "by-og-miljoe": N_("By og miljø"),
    "social-og-sundhed": N_("Social og sundhed"),
    "erhverv": N_("Erhverv og beskæftigelse"),
    "faelles": N_("Fælles"),
}
DEFAULT_TEAM = "faelles"

# Gentofte's four councils (the calendar's organizer slugs) and the themes each one cares about.
COUNCILS: dict[str, str] = {
    "handicapraadet": N_("Handicaprådet"),
    "integrationsraadet": N_("Integrationsrådet"),
    "seniorraadet": N_("Seniorrådet"),
    "groent-raad": N_("Grønt Råd"),
}
COUNCIL_THEMES: dict[str, frozenset[str]] = {
    "handicapraadet": frozenset({"handicap-og-social", "sundhed-og-forebyggelse", "by-og-trafik"}),
    "integrationsraadet": frozenset(
        {"integration-og-faellesskab", "erhverv-og-beskaeftigelse", "unge-og-uddannelse"}
    ),
    "seniorraadet": frozenset({"aeldre-og-seniorliv", "sundhed-og-forebyggelse"}),
    "groent-raad": frozenset({"natur-klima-og-miljoe", "by-og-trafik"}),
}

CHANNEL_NAMES = CHANNELS
# The reach view counts those who did not say, so it names the group as staff see it.
AGE_GROUP_NAMES: dict[str, str] = AGE_GROUPS | {"uoplyst": N_("Ikke oplyst")}

STATUS_NAMES = CASE_STATUSES
STATUSES = tuple(STATUS_NAMES)
CLOSED = frozenset({"realised", "returned_to_initiator", "declined", "withdrawn"})
_WORKING = ("in_dialogue", "connected", "trial", "handed_over")
_ENDINGS = ("realised", "returned_to_initiator", "declined", "withdrawn")

# The allowed transitions. `received` and `assigned` are set by routing itself (assignment), so
# staff move a case out of them but never into them. A closed case can be reopened into dialogue:
# an initiator may come back, and nothing should force a new case for the same idea.
TRANSITIONS: dict[str, frozenset[str]] = {
    "received": frozenset({*_WORKING, "declined", "withdrawn"}),
    "assigned": frozenset({*_WORKING, "declined", "withdrawn"}),
    "in_dialogue": frozenset({"connected", "trial", "handed_over", *_ENDINGS}),
    "connected": frozenset({"in_dialogue", "trial", "handed_over", *_ENDINGS}),
    "trial": frozenset({"in_dialogue", "connected", "handed_over", *_ENDINGS}),
    "handed_over": frozenset({"in_dialogue", "connected", "trial", *_ENDINGS}),
    "realised": frozenset({"in_dialogue"}),
    "returned_to_initiator": frozenset({"in_dialogue"}),
    "declined": frozenset({"in_dialogue"}),
    "withdrawn": frozenset({"in_dialogue"}),
}
# Every status a staff member can move a case into is shown on the initiator's status page.
INITIATOR_VISIBLE = frozenset(STATUSES) - {"received", "assigned"}
MIN_DECLINE_REASON = 40
MIN_MESSAGE = 10


class TransitionRefused(ValueError):
    """A transition the rules do not allow; `field` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def allowed_targets(status: str) -> frozenset[str]:
    return TRANSITIONS.get(status, frozenset())


def check_transition(current: str, target: str, message: str | None) -> None:
    """Refuse a transition the table does not allow, or one without the initiator's message."""
    if target not in STATUS_NAMES:
        raise TransitionRefused("to", f"Unknown status {target!r}.")
    if target not in allowed_targets(current):
        raise TransitionRefused("to", f"A case cannot go from {current} to {target}.")
    text = (message or "").strip()
    # The decline's own, larger minimum first: one refusal names the length that will do.
    if target == "declined" and len(text) < MIN_DECLINE_REASON:
        raise TransitionRefused(
            "message",
            "A decline needs a real reason to the initiator "
            f"(at least {MIN_DECLINE_REASON} characters).",
        )
    if target in INITIATOR_VISIBLE and len(text) < MIN_MESSAGE:
        raise TransitionRefused(
            "message",
            f"Write a message to the initiator (at least {MIN_MESSAGE} characters).",
        )


@dataclass(frozen=True)
class Responsible:
    """Who takes a handed-over case: a unit of the municipality, and a named person in it."""

    unit: str
    name: str | None = None
    email: str | None = None

    def as_data(self) -> dict[str, Any]:
        return asdict(self)


def responsible_for(target: str, given: Mapping[str, Any] | None) -> Responsible | None:
    """The new owner a move to `handed_over` names (refused without a unit); None for any other
    move, which leaves the last hand-over's owner in place."""
    if target != "handed_over":
        return None
    unit = str((given or {}).get("unit") or "").strip()
    if not unit:
        raise TransitionRefused(
            "responsible", "A hand-over names who takes over: give responsible.unit."
        )

    def optional(key: str) -> str | None:
        return str((given or {}).get(key) or "").strip() or None

    return Responsible(unit=unit, name=optional("name"), email=optional("email"))


def team_for_theme(theme: str) -> str:
    return THEME_TEAMS.get(theme, DEFAULT_TEAM)


def councils_for_theme(theme: str) -> list[str]:
    return [slug for slug, themes in COUNCIL_THEMES.items() if theme in themes]


@dataclass(frozen=True)
class Candidate:
    """An agent as assignment sees them: what they cover, whether present, how much they carry."""

    id: int
    areas: frozenset[str]
    available: bool
    open_cases: int


def choose_agent(theme: str, candidates: Iterable[Candidate]) -> int | None:
    """The least-loaded available agent whose areas cover the theme; None → coordinators' queue.

    Ties go to the lowest id, so the choice is stable and testable.
    """
    covering = [c for c in candidates if theme in c.areas and c.available]
    if not covering:
        return None
    return min(covering, key=lambda c: (c.open_cases, c.id)).id


def parse_areas(text: str | Sequence[str]) -> list[str]:
    """Areas from `a, b` or a list, keeping only known theme slugs, in a stable order."""
    items = text.split(",") if isinstance(text, str) else list(text)
    wanted = {item.strip() for item in items if item.strip()}
    return [slug for slug in THEME_TEAMS if slug in wanted]


# Answer templates: short texts agents start a message from, per status and language.
TEMPLATE_LANGUAGES = ("da", "en")
MAX_TEMPLATE_TITLE = 80
MAX_TEMPLATE_TEXT = 2000


class AnswerTemplateRefused(TransitionRefused):
    """An answer template no message could come from; `field` names the input at fault."""


def check_answer_template(status: str, language: str, title: str, text: str) -> None:
    """Refuse a template shorter than the message its status needs, or out of the vocabulary."""
    if status not in INITIATOR_VISIBLE:
        raise AnswerTemplateRefused("status", "Choose a status the initiator is told about.")
    if language not in TEMPLATE_LANGUAGES:
        raise AnswerTemplateRefused("language", "The language is da or en.")
    if not 1 <= len(title.strip()) <= MAX_TEMPLATE_TITLE:
        raise AnswerTemplateRefused(
            "title", f"Give a title of at most {MAX_TEMPLATE_TITLE} characters."
        )
    needed = MIN_DECLINE_REASON if status == "declined" else MIN_MESSAGE
    if not needed <= len(text.strip()) <= MAX_TEMPLATE_TEXT:
        raise AnswerTemplateRefused(
            "text", f"Write the text: {needed} to {MAX_TEMPLATE_TEXT} characters."
        )

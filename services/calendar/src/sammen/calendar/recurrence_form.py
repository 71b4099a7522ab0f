"""The staff form's simple recurrence builder: its choices to an RRULE, back, and as a sentence.

Pure: the page passes gettext when the sentence should be in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sammen.calendar.errors import InvalidValue
from sammen.calendar.recurrence import parse_until
from sammen.calendar.times import to_local
from sammen.vocabulary import N_

WEEKDAYS: dict[str, str] = {
    "MO": N_("mandag"),
    "TU": N_("tirsdag"),
    "WE": N_("onsdag"),
    "TH": N_("torsdag"),
    "FR": N_("fredag"),
    "SA": N_("lørdag"),
    "SU": N_("søndag"),
}
ORDINALS: dict[str, str] = {
    "1": N_("første"),
    "2": N_("anden"),
    "3": N_("tredje"),
    "4": N_("fjerde"),
    "-1": N_("sidste"),
}
MONTHS: dict[str, str] = {
    str(n): name
    for n, name in enumerate(
        (
            N_("januar"),
            N_("februar"),
            N_("marts"),
            N_("april"),
            N_("maj"),
            N_("juni"),
            N_("juli"),
            N_("august"),
            N_("september"),
            N_("oktober"),
            N_("november"),
            N_("december"),
        ),
        start=1,
    )
}


@dataclass(frozen=True)
class RecurrenceChoice:
    """What the staff form asks: how often, which weekday (and which of the month), the gaps."""

    frequency: str = ""  # "", "weekly", "monthly"
    interval: int = 1
    weekday: str = ""  # MO..SU
    ordinal: str = ""  # 1..4 or -1 (monthly only)
    skip_months: tuple[str, ...] = ()
    until: date | None = None


def build_rrule(choice: RecurrenceChoice) -> str | None:
    """`monthly, TU, 2, skip 7` → `FREQ=MONTHLY;BYDAY=2TU;BYMONTH=1,2,3,4,5,6,8,…`."""
    if not choice.frequency:
        return None
    if choice.frequency not in ("weekly", "monthly"):
        raise InvalidValue("frequency", N_("Vælg ugentligt eller månedligt"))
    if choice.interval < 1 or choice.interval > 12:
        raise InvalidValue("interval", N_("Vælg et tal fra 1 til 12"))
    if choice.weekday and choice.weekday not in WEEKDAYS:
        raise InvalidValue("weekday", N_("Vælg en ugedag"))
    parts = [f"FREQ={choice.frequency.upper()}"]
    if choice.until:
        parts.append(f"UNTIL={choice.until:%Y%m%d}")
    if choice.interval > 1:
        parts.append(f"INTERVAL={choice.interval}")
    if choice.frequency == "monthly":
        if not choice.weekday or choice.ordinal not in ORDINALS:
            raise InvalidValue("ordinal", N_("Vælg fx ”anden” og ”tirsdag”"))
        parts.append(f"BYDAY={choice.ordinal}{choice.weekday}")
    elif choice.weekday:
        parts.append(f"BYDAY={choice.weekday}")
    skipped = {m for m in choice.skip_months if m in MONTHS}
    if len(skipped) == len(MONTHS):
        raise InvalidValue("skip_months", N_("Der skal være mindst én måned tilbage"))
    if skipped:
        parts.append("BYMONTH=" + ",".join(m for m in MONTHS if m not in skipped))
    return ";".join(parts)


def choice_from_rrule(text: str | None) -> RecurrenceChoice | None:
    """The builder's fields for a rule it could have made; None when the rule is more unusual."""
    if not text:
        return RecurrenceChoice()
    parts = dict(item.split("=", 1) for item in text.split(";"))
    if set(parts) - {"FREQ", "UNTIL", "INTERVAL", "BYDAY", "BYMONTH"}:
        return None
    frequency = parts["FREQ"].lower()
    if frequency not in ("weekly", "monthly"):
        return None
    byday = parts.get("BYDAY", "")
    match = re.fullmatch(r"(-?\d)?([A-Z]{2})", byday) if byday else None
    if byday and match is None:
        return None
    ordinal, weekday = (match.group(1) or "", match.group(2)) if match else ("", "")
    if (frequency == "monthly") != bool(ordinal):
        return None
    months = parts.get("BYMONTH")
    skip = tuple(m for m in MONTHS if months and m not in months.split(","))
    until = None
    if "UNTIL" in parts:
        until = to_local(parse_until(parts["UNTIL"])).date()
    return RecurrenceChoice(
        frequency, int(parts.get("INTERVAL", "1")), weekday, ordinal, skip, until
    )


def _untranslated(message: str) -> str:
    return message


# Whole sentences per case, so each language can order the words its own way.
_MONTHLY = (
    N_("Hver %(ordinal)s %(weekday)s i måneden"),
    N_("Hver %(interval)s. %(ordinal)s %(weekday)s i måneden"),
)
_WEEKLY_ON = (N_("Hver %(weekday)s"), N_("Hver %(interval)s. %(weekday)s"))
_WEEKLY = (N_("Hver uge"), N_("Hver %(interval)s. uge"))


def describe_rrule(text: str | None, translate: Callable[[str], str] = _untranslated) -> str:
    """A sentence for a rule the builder makes (`Hver anden tirsdag i måneden`): Danish, or
    in the language of `translate` (a page passes gettext)."""
    choice = choice_from_rrule(text)
    if not text:
        return ""
    if choice is None:
        return translate(N_("Gentages efter en særlig regel"))
    values: dict[str, object] = {"interval": choice.interval}
    if choice.weekday:
        values["weekday"] = translate(WEEKDAYS[choice.weekday])
    if choice.frequency == "monthly":
        values["ordinal"] = translate(ORDINALS[choice.ordinal])
        forms = _MONTHLY
    else:
        forms = _WEEKLY_ON if choice.weekday else _WEEKLY
    sentence = translate(forms[choice.interval != 1]) % values
    if choice.skip_months:
        months = ", ".join(translate(MONTHS[m]) for m in choice.skip_months)
        sentence += translate(N_(" undtagen i %(months)s")) % {"months": months}
    if choice.until:
        sentence += translate(N_(" til og med %(date)s")) % {"date": f"{choice.until:%d.%m.%Y}"}
    return sentence

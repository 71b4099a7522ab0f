"""The calendar's pure rules: organizers, times in Europe/Copenhagen, recurrence, registrations.

No Flask, SQLAlchemy or pika here: everything is a function of its arguments (time included).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import chain
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from sammen.vocabulary import N_, THEMES

LOCAL_TZ_NAME = "Europe/Copenhagen"
LOCAL_TZ = ZoneInfo(LOCAL_TZ_NAME)

# The Danish names; N_ marks them for the catalogs and the pages translate them where shown.
KINDS: dict[str, str] = {
    "council_meeting": N_("Rådsmøde"),
    "theme_meeting": N_("Åbent temamøde"),
    "gentofte_talks": "Gentofte Talks",
    "deltag_bilen": "Deltag-bilen",  # a name; the shared catalog translates it
    "citizen_meeting": N_("Borgermøde"),
    "hearing_meeting": N_("Høringsmøde"),
}

STATUSES: dict[str, str] = {
    "planned": N_("Planlagt"),
    "changed": N_("Ændret"),
    "cancelled": N_("Aflyst"),
}

# The same policy areas citizens pick for their ideas, so a council can see what people raise.
TOPICS: dict[str, str] = {
    **{slug: name for slug, name in THEMES.items() if slug != "andet"},
    "demokrati-og-samskabelse": N_("Demokrati og samskabelse"),
}

ORGANIZER_KINDS: dict[str, str] = {
    "council": N_("Råd"),
    "committee": N_("Politisk udvalg"),
    "dialogue": N_("Dialogformat"),
}

# Gentofte's four councils and the two dialogue formats the recommendations start.
FIXED_ORGANIZERS: tuple[tuple[str, str, str], ...] = (
    ("handicapraadet", "Handicaprådet", "council"),
    ("integrationsraadet", "Integrationsrådet", "council"),
    ("seniorraadet", "Seniorrådet", "council"),
    ("groent-raad", "Grønt Råd", "council"),
    ("gentofte-talks", "Gentofte Talks", "dialogue"),
    ("deltag-bilen", "Deltag-bilen", "dialogue"),
)

# The standing committees of the municipal council; CALENDAR_COMMITTEES replaces the list.
DEFAULT_COMMITTEES = (
    "Økonomiudvalget;Børne- og Skoleudvalget;Kultur-, Unge- og Fritidsudvalget;"
    "Social- og Sundhedsudvalget;Seniorudvalget;By- og Planudvalget;"
    "Klima- og Miljøudvalget;Erhvervs- og Beskæftigelsesudvalget"
)

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


def slugify(name: str) -> str:
    """`Børne- og Skoleudvalget` → `boerne-og-skoleudvalget` (Danish letters spelled out)."""
    ascii_text = (
        unicodedata.normalize("NFKD", name.translate(_DANISH)).encode("ascii", "ignore").decode()
    )
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def parse_committees(text: str) -> list[tuple[str, str, str]]:
    """`Name;Name` (names may hold commas) → [(slug, name, "committee")]."""
    names = [name.strip() for name in text.split(";") if name.strip()]
    return [(slugify(name), name, "committee") for name in names]


def seeded_organizers(committees: str) -> list[tuple[str, str, str]]:
    return [*FIXED_ORGANIZERS, *parse_committees(committees)]


# --- times ------------------------------------------------------------------------------------


class InvalidValue(ValueError):
    """A value that breaks a rule; `field` names the input that is wrong.

    `template` is the Danish msgid and `values` fill its placeholders, so a page can translate
    it; `message` is the Danish text the API answers with.
    """

    def __init__(self, field: str, template: str, **values: object) -> None:
        message = template % values if values else template
        super().__init__(message)
        self.field = field
        self.template = template
        self.values = values
        self.message = message


class NonexistentLocalTime(ValueError):
    """A Copenhagen wall-clock time that never shows: the hour skipped when summer time begins."""


NONEXISTENT_TIME = N_(
    "Tidspunktet findes ikke: natten til sommertid stilles uret frem fra kl. 02.00 til 03.00"
)


SECOND_PASS_SERIES = N_(
    "En gentagelse kan ikke begynde i anden omgang af timen 02–03, når sommertiden slutter"
)

# Typed times further from today are typos (year 1, 2206), refused rather than kept.
START_REACH_PAST = timedelta(days=2 * 365)
START_REACH_FUTURE = timedelta(days=5 * 365)
LONGEST_EVENT = timedelta(days=14)


def local_instant(wall: datetime) -> datetime:
    """A Copenhagen wall-clock time as RFC 5545 (3.3.5) reads it: in October's repeated hour
    the first occurrence (summer time); in March's skipped hour the offset before the gap, so
    02:30 is 03:30 summer time."""
    return wall.replace(tzinfo=LOCAL_TZ, fold=0).astimezone(UTC).astimezone(LOCAL_TZ)


def parse_local_datetime(text: str) -> datetime:
    """ISO 8601 → aware datetime; a time without an offset is Copenhagen wall-clock time.

    A typed time in the skipped hour is refused: it is a mistake, and moving it silently
    would make 02:30–03:30 an event of no length."""
    value = datetime.fromisoformat(text.strip())
    try:
        found = value.astimezone(UTC) if value.tzinfo else local_instant(value)
    except OverflowError:  # the first or last hours datetime can hold, beyond it in UTC
        raise ValueError(text) from None
    if value.tzinfo is not None:
        return value
    if found.replace(tzinfo=None) != value:
        raise NonexistentLocalTime(value.isoformat())
    return found


def to_local(value: datetime) -> datetime:
    return value.astimezone(LOCAL_TZ)


def local_naive(value: datetime) -> datetime:
    """The wall-clock time in Copenhagen without tzinfo (how exdates are kept and compared)."""
    return to_local(value).replace(tzinfo=None)


def check_duration(starts_at: datetime, ends_at: datetime) -> None:
    """End after start, within two weeks; compared as instants (aware datetimes sharing one
    tzinfo compare by wall clock, which the change to and from summer time fools)."""
    length = ends_at.astimezone(UTC) - starts_at.astimezone(UTC)
    if length <= timedelta(0):
        raise InvalidValue("ends_at", N_("Sluttidspunktet skal ligge efter starttidspunktet"))
    if length > LONGEST_EVENT:
        raise InvalidValue("ends_at", N_("Et arrangement kan højst vare 14 dage"))


def check_start_reach(starts_at: datetime, now: datetime) -> None:
    """A start at most two years back (for the record) and five years ahead (past a term)."""
    if starts_at < now - START_REACH_PAST:
        raise InvalidValue("starts_at", N_("Starttidspunktet må højst ligge to år tilbage"))
    if starts_at > now + START_REACH_FUTURE:
        raise InvalidValue("starts_at", N_("Starttidspunktet må højst ligge fem år frem"))


# --- recurrence -------------------------------------------------------------------------------

RRULE_PARTS = (
    "FREQ",
    "UNTIL",
    "COUNT",
    "INTERVAL",
    "BYSECOND",
    "BYMINUTE",
    "BYHOUR",
    "BYDAY",
    "BYMONTHDAY",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYMONTH",
    "BYSETPOS",
    "WKST",
)
FREQUENCIES = ("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY")
# Meetings never repeat more often than daily; anything finer is a typo that would flood feeds.
MEETING_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
# COUNT is counted from the first meeting on each expansion, so it is capped: ten years of
# weekly meetings. UNTIL and open-ended series cost only the window shown.
MAX_COUNT = 520
# RFC 5545 (3.3.10): the values of each part; those marked True may count from the end (-1).
PART_RANGES: dict[str, tuple[int, int, bool]] = {
    "INTERVAL": (1, 1000, False),
    "BYSECOND": (0, 59, False),
    "BYMINUTE": (0, 59, False),
    "BYHOUR": (0, 23, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYMONTH": (1, 12, False),
    "BYSETPOS": (1, 366, True),
}
# Where a part may stand: RFC 5545 keeps BYWEEKNO and BYYEARDAY to YEARLY and BYMONTHDAY from
# WEEKLY; BYSETPOS is kept to months and years ("the last Thursday"). Elsewhere a rule can pick
# no date at all, which dateutil would search for until the year 9999.
PART_FREQUENCIES: dict[str, tuple[str, ...]] = {
    "BYWEEKNO": ("YEARLY",),
    "BYYEARDAY": ("YEARLY",),
    "BYMONTHDAY": ("DAILY", "MONTHLY", "YEARLY"),
    "BYSETPOS": ("MONTHLY", "YEARLY"),
}
TIME_OF_DAY_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
LONGEST_MONTHS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _parse_until(text: str) -> datetime:
    """UNTIL as given (a date, local or UTC time) → the UTC instant RFC 5545 wants with a TZID."""
    if re.fullmatch(r"\d{8}", text):
        day = datetime.strptime(text, "%Y%m%d").date()
        return datetime.combine(day, time(23, 59, 59), LOCAL_TZ).astimezone(UTC)
    if re.fullmatch(r"\d{8}T\d{6}Z", text):
        return datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    if re.fullmatch(r"\d{8}T\d{6}", text):
        return datetime.strptime(text, "%Y%m%dT%H%M%S").replace(tzinfo=LOCAL_TZ).astimezone(UTC)
    raise InvalidValue("rrule", N_("UNTIL skal være en dato (ÅÅÅÅMMDD) eller et tidspunkt"))


def _read_parts(text: str) -> dict[str, str]:
    """`RRULE:freq=weekly;…` → {"FREQ": "WEEKLY", …}; unknown, empty and repeated parts refused."""
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:") :]
    parts: dict[str, str] = {}
    for item in body.split(";"):
        key, sep, value = item.partition("=")
        key = key.strip().upper()
        if not sep or key not in RRULE_PARTS or not value.strip():
            raise InvalidValue(
                "rrule", N_("Ukendt eller tom del i RRULE: %(part)s"), part=item.strip() or "–"
            )
        if key in parts:
            raise InvalidValue("rrule", N_("%(key)s står mere end én gang"), key=key)
        parts[key] = value.strip().upper()
    return parts


def _check_values(key: str, value: str) -> None:
    low, high, from_end = PART_RANGES[key]
    for item in value.split(","):
        number = int(item) if re.fullmatch(r"[+-]?\d{1,4}", item) else None
        if number is None or not (low <= number <= high or (from_end and -high <= number <= -low)):
            raise InvalidValue(
                "rrule", N_("Ugyldig værdi i %(key)s: %(value)s"), key=key, value=item
            )


def _check_bounds(parts: dict[str, str]) -> None:
    """What keeps a series cheap to expand: at most one meeting a day, parts where they can
    select dates, COUNT within MAX_COUNT, and month days that some chosen month has."""
    frequency = parts["FREQ"]
    for key, value in parts.items():
        if key in PART_RANGES:
            _check_values(key, value)
        if frequency not in PART_FREQUENCIES.get(key, (frequency,)):
            raise InvalidValue(
                "rrule", N_("%(key)s kan ikke bruges med FREQ=%(freq)s"), key=key, freq=frequency
            )
        if key in TIME_OF_DAY_PARTS and "," in value:
            raise InvalidValue(
                "rrule", N_("Møder gentages højst én gang om dagen: én værdi i %(key)s"), key=key
            )
    numbered = re.search(r"(^|,)[+-]?\d", parts.get("BYDAY", ""))
    if numbered and frequency not in ("MONTHLY", "YEARLY"):
        raise InvalidValue(
            "rrule", N_("%(key)s kan ikke bruges med FREQ=%(freq)s"), key="BYDAY", freq=frequency
        )
    if "COUNT" in parts and not (
        parts["COUNT"].isdigit() and 1 <= int(parts["COUNT"]) <= MAX_COUNT
    ):
        raise InvalidValue("rrule", N_("COUNT skal være 1–%(max)s"), max=MAX_COUNT)
    if "BYMONTHDAY" in parts:
        months = [int(m) for m in parts.get("BYMONTH", "1,2,3,4,5,6,7,8,9,10,11,12").split(",")]
        days = [abs(int(d)) for d in parts["BYMONTHDAY"].split(",")]
        if not any(day <= LONGEST_MONTHS[month - 1] for month in months for day in days):
            raise InvalidValue("rrule", N_("Ingen af de valgte måneder har de dage"))


def normalise_rrule(text: str, starts_at: datetime) -> str:
    """Validate an RFC 5545 RRULE against its first start; UNTIL comes back in UTC."""
    parts = _read_parts(text)
    if parts.get("FREQ") not in FREQUENCIES:
        raise InvalidValue("rrule", N_("RRULE skal have FREQ (fx FREQ=WEEKLY)"))
    if parts["FREQ"] not in MEETING_FREQUENCIES:
        raise InvalidValue("rrule", N_("Møder gentages højst dagligt"))
    if "UNTIL" in parts and "COUNT" in parts:
        raise InvalidValue("rrule", N_("Brug enten UNTIL eller COUNT, ikke begge"))
    _check_bounds(parts)
    if to_local(starts_at).fold:  # the feed could only say so in UTC, and the rule would follow
        raise InvalidValue("starts_at", SECOND_PASS_SERIES)
    if "UNTIL" in parts:
        parts["UNTIL"] = _parse_until(parts["UNTIL"]).strftime("%Y%m%dT%H%M%SZ")
    canonical = _canonical(parts)
    try:
        rule = rrulestr(canonical, dtstart=to_local(starts_at))
    except (ValueError, TypeError) as error:
        raise InvalidValue("rrule", N_("RRULE kan ikke læses: %(error)s"), error=error) from None
    if not isinstance(rule, rrule) or rule.after(to_local(starts_at), inc=True) is None:
        raise InvalidValue("rrule", N_("RRULE giver ingen datoer efter starttidspunktet"))
    return canonical


def _canonical(parts: dict[str, str]) -> str:
    return ";".join(f"{key}={parts[key]}" for key in RRULE_PARTS if key in parts)


def first_instance(rrule_text: str, starts_at: datetime) -> datetime | None:
    """The first start the rule itself gives from `starts_at` on (None: none at all)."""
    found = rrulestr(rrule_text, dtstart=to_local(starts_at)).after(to_local(starts_at), inc=True)
    return None if found is None else found.replace(tzinfo=LOCAL_TZ)


def parse_exdates(values: Iterable[str], starts_at: datetime) -> list[datetime]:
    """Exceptions as Copenhagen wall-clock times; a bare date means that day's occurrence."""
    start_time = to_local(starts_at).time()
    result: list[datetime] = []
    for index, text in enumerate(values):
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
                result.append(datetime.combine(date.fromisoformat(text.strip()), start_time))
            else:
                result.append(local_naive(parse_local_datetime(text)))
        except NonexistentLocalTime:
            raise InvalidValue(f"exdates.{index}", NONEXISTENT_TIME) from None
        except ValueError:
            raise InvalidValue(
                f"exdates.{index}", N_("Skriv en dato (ÅÅÅÅ-MM-DD) eller et tidspunkt")
            ) from None
    return sorted(set(result))


@dataclass(frozen=True)
class Occurrence:
    starts_at: datetime  # aware, Copenhagen
    ends_at: datetime
    recurrence_id: datetime | None  # the original start of a recurring instance


@dataclass
class ExpansionTally:
    """How many starts the recurrence rules computed: what expanding a window cost."""

    computed: int = 0


def _implicit_parts(parts: dict[str, str], first: datetime) -> dict[str, str]:
    """The parts dateutil takes from DTSTART when a rule leaves them out, written out, so the
    rule gives the same dates from a later start (RFC 5545 3.3.10, "derived from DTSTART")."""
    explicit = dict(parts)
    for key, value in zip(TIME_OF_DAY_PARTS, (first.hour, first.minute, first.second), strict=True):
        explicit.setdefault(key, str(value))
    if not {"BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY"} & parts.keys():
        if parts["FREQ"] == "YEARLY":
            explicit.setdefault("BYMONTH", str(first.month))
        if parts["FREQ"] in ("YEARLY", "MONTHLY"):
            explicit["BYMONTHDAY"] = str(first.day)
        if parts["FREQ"] == "WEEKLY":
            explicit["BYDAY"] = WEEKDAY_CODES[first.weekday()]
    return explicit


def _latest_period_start(parts: dict[str, str], first: datetime, not_before: datetime) -> date:
    """The first day of the last period (day, week, month or year, stepped by INTERVAL from
    the first meeting's) that begins on or before `not_before`."""
    interval = int(parts.get("INTERVAL", "1"))
    frequency = parts["FREQ"]
    if frequency == "DAILY":
        days = (not_before.date() - first.date()).days
        return first.date() + timedelta(days=days - days % interval)
    if frequency == "WEEKLY":
        week_start = WEEKDAY_CODES.index(parts.get("WKST", "MO"))
        first_week = first.date() - timedelta(days=(first.weekday() - week_start) % 7)
        weeks = (not_before.date() - first_week).days // 7
        return first_week + timedelta(weeks=weeks - weeks % interval)
    if frequency == "MONTHLY":
        months = (not_before.year - first.year) * 12 + not_before.month - first.month
        year, month = divmod(first.year * 12 + first.month - 1 + months - months % interval, 12)
        return date(year, month + 1, 1)
    years = not_before.year - first.year
    return date(first.year + years - years % interval, 1, 1)


def _series(rrule_text: str, first: datetime, not_before: datetime) -> rrule:
    """The rule, started as late as it can be and still give every start from `not_before` on:
    a series that began long ago costs only the window asked for. COUNT must be counted from
    the first meeting (MAX_COUNT bounds it)."""
    parts = dict(item.split("=", 1) for item in rrule_text.split(";"))
    wall_first = first.replace(tzinfo=None)
    if "COUNT" not in parts:
        period = _latest_period_start(parts, wall_first, local_naive(not_before))
        if period > wall_first.date():
            later = datetime.combine(period, time(), LOCAL_TZ)
            return rrulestr(_canonical(_implicit_parts(parts, wall_first)), dtstart=later)
    return rrulestr(rrule_text, dtstart=first)


def _rule_starts(
    rrule_text: str, first: datetime, not_before: datetime, tally: ExpansionTally
) -> Iterator[datetime]:
    """The rule's own starts from `not_before`'s period on, counted in `tally`, DTSTART left
    out. dateutil builds each from local date + time, so 18:00 stays 18:00 after DST ends; one
    in the skipped hour is read as RFC 5545 reads it (02:30 → 03:30)."""
    for start in _series(rrule_text, first, not_before):
        tally.computed += 1
        if start != first:
            yield local_instant(start.replace(tzinfo=None))


def occurrences(
    starts_at: datetime,
    ends_at: datetime,
    rrule_text: str | None,
    exdates: Iterable[datetime],
    window_from: datetime,
    window_to: datetime,
    tally: ExpansionTally | None = None,
) -> Iterator[Occurrence]:
    """The instances that overlap [window_from, window_to), lazily and in time order;
    wall-clock time kept across DST, each instance as long as the first (in real time)."""
    duration = ends_at.astimezone(UTC) - starts_at.astimezone(UTC)
    if not rrule_text:
        if starts_at < window_to and ends_at > window_from:
            yield Occurrence(to_local(starts_at), to_local(ends_at), None)
        return
    skipped = {local_instant(d).astimezone(UTC) for d in exdates}
    first = to_local(starts_at)
    rule_starts = _rule_starts(rrule_text, first, window_from - duration, tally or ExpansionTally())
    # RFC 5545: DTSTART is always the first instance, even when the rule would not produce it
    # (calendar apps show it, so the agenda must too).
    for start in chain([first], rule_starts):
        if start >= window_to:
            return
        if start.astimezone(UTC) in skipped:
            continue
        end = (start.astimezone(UTC) + duration).astimezone(LOCAL_TZ)
        if end > window_from:
            yield Occurrence(start, end, start)


# --- the simple recurrence builder of the staff form -------------------------------------------

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
        until = to_local(_parse_until(parts["UNTIL"])).date()
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


# --- changes and registrations ----------------------------------------------------------------

# A change of these makes the public status "changed": people must plan differently.
MATERIAL_FIELDS = ("starts_at", "ends_at", "location", "rrule", "exdates", "organizers")


def changed_fields(before: dict[str, object], after: dict[str, object]) -> list[str]:
    return sorted(name for name, value in after.items() if before.get(name) != value)


def status_after_change(current: str, changes: Iterable[str]) -> str:
    if current == "cancelled":
        return current
    return "changed" if any(name in MATERIAL_FIELDS for name in changes) else current


class RegistrationRefused(Exception):
    """Signing up is not possible: `reason` says why, in Danish."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def registration_status(
    *,
    capacity: int | None,
    deadline: datetime | None,
    confirmed: int,
    status: str,
    starts_at: datetime,
    now: datetime,
) -> str:
    """`confirmed` while places are left, then `waitlisted`; refused when closed."""
    if capacity is None:
        raise RegistrationRefused(N_("Der er ingen tilmelding til dette arrangement."))
    if status == "cancelled":
        raise RegistrationRefused(N_("Arrangementet er aflyst."))
    if now >= (deadline or starts_at):
        raise RegistrationRefused(N_("Tilmeldingsfristen er overskredet."))
    return "confirmed" if confirmed < capacity else "waitlisted"


# --- joint meetings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedMeeting:
    event_id: str
    title: str
    organizers: frozenset[str]
    topics: frozenset[str]
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class JointSuggestion:
    first: PlannedMeeting
    second: PlannedMeeting
    organizers: tuple[str, ...]
    shared_topics: tuple[str, ...]
    overlapping: bool

    def involves(self, organizers: Iterable[str]) -> bool:
        return bool(set(self.organizers) & set(organizers))


def joint_meeting_suggestions(
    meetings: Iterable[PlannedMeeting], within: timedelta
) -> list[JointSuggestion]:
    """Pairs of meetings by different organizers on a shared topic within `within` of each
    other, or at the same time: candidates for "converting an ordinary meeting into a joint one"."""
    ordered = sorted(meetings, key=lambda m: m.starts_at)
    found: list[JointSuggestion] = []
    seen: set[tuple[str, str]] = set()
    for index, first in enumerate(ordered):
        for second in ordered[index + 1 :]:
            if second.starts_at - first.starts_at > within and second.starts_at >= first.ends_at:
                break  # sorted: every later meeting is further away still
            if first.event_id == second.event_id or first.organizers == second.organizers:
                continue
            if first.organizers <= second.organizers or second.organizers <= first.organizers:
                continue  # one already includes the other's organizers: it is a joint meeting
            pair = (first.event_id, second.event_id)
            if pair in seen:
                continue
            overlapping = first.starts_at < second.ends_at and second.starts_at < first.ends_at
            shared = first.topics & second.topics
            if overlapping or shared:
                seen.add(pair)
                found.append(
                    JointSuggestion(
                        first,
                        second,
                        tuple(sorted(first.organizers | second.organizers)),
                        tuple(sorted(shared)),
                        overlapping,
                    )
                )
    return found

"""What a change to an event is: the fields that changed, and the public status it leaves."""

from __future__ import annotations

from collections.abc import Iterable

# A change of these makes the public status "changed": people must plan differently.
MATERIAL_FIELDS = ("starts_at", "ends_at", "location", "rrule", "exdates", "organizers")


def changed_fields(before: dict[str, object], after: dict[str, object]) -> list[str]:
    """The names whose values differ between two snapshots, sorted."""
    return sorted(name for name, value in after.items() if before.get(name) != value)


def status_after_change(current: str, changes: Iterable[str]) -> str:
    """`changed` after a material change; a cancelled event stays cancelled."""
    if current == "cancelled":
        return current
    return "changed" if any(name in MATERIAL_FIELDS for name in changes) else current

"""Joint meetings worth holding: pairs of different organizers' meetings close in time on a topic.

Pure: the planned meetings come in, the suggestions go out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


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

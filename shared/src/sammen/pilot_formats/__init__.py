"""What every digital-dialogue pilot format shares (services/digital-dialogue), one part a module.

`announcer` and `worker`: how a format is seen by the hub (heartbeat, withdrawal) and runs its
jobs; `moderation`: handing contributions to the hub's shared moderation queue and taking its
decisions back; `contributors`: the rules for the people who answer (pure); `personal_data`: the
answers to access and erasure requests; `queues`: the queues every format consumes; `web`: the app,
the 404 and the CSV download every format serves.
"""

from sammen.pilot_formats.announcer import (
    DEFAULT_TTL_SECONDS,
    TTL_SETTING,
    FormatAnnouncer,
    FormatDescription,
)
from sammen.pilot_formats.moderation import EXCERPT_LENGTH, contribution_reported

__all__ = [
    "DEFAULT_TTL_SECONDS",
    "EXCERPT_LENGTH",
    "TTL_SETTING",
    "FormatAnnouncer",
    "FormatDescription",
    "contribution_reported",
]

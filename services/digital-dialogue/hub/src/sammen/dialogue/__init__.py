"""The digital-dialogue hub: the registry of live pilot formats, the portal, shared moderation."""

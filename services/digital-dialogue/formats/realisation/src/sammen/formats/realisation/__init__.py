"""Følg realiseringen: recommendations with a named owner, progress, followers and questions (port 8013)."""

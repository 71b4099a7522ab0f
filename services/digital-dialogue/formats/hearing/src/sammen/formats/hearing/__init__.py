"""hearing service."""

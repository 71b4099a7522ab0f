"""dialogue service."""

"""idea_board service."""

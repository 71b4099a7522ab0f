"""The idea board's business metrics: offers to join and comments (never anything about the person)."""

from prometheus_client import Counter

joins = Counter("sammen_idea_board_joins_total", "Offers to join an idea", ["offer"])
comments = Counter("sammen_idea_board_comments_total", "Questions and comments written")
reports = Counter("sammen_idea_board_reports_total", "Comments reported for moderation")

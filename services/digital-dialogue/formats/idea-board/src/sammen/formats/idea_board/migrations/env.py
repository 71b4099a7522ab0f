from sammen.db.alembic_env import run
from sammen.formats.idea_board.models import Base

run(Base.metadata)

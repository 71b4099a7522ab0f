from sammen.db.alembic_env import run
from sammen.formats.theme_discussion.models import Base

run(Base.metadata)

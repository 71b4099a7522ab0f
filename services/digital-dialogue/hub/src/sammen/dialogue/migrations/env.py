from sammen.db.alembic_env import run
from sammen.dialogue.models import Base

run(Base.metadata)

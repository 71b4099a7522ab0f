from sammen.db.alembic_env import run
from sammen.formats.hearing.models import Base

run(Base.metadata)

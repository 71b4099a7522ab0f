from sammen.db.alembic_env import run
from sammen.formats.realisation.models import Base

run(Base.metadata)

from sammen.db.alembic_env import run
from sammen.routing.models import Base

run(Base.metadata)

from sammen.db.alembic_env import run
from sammen.notify.models import Base

run(Base.metadata)

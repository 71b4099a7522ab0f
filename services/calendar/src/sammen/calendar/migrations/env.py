from sammen.calendar.models import Base
from sammen.db.alembic_env import run

run(Base.metadata)

from sammen.db.alembic_env import run
from sammen.intake.models import Base

run(Base.metadata)

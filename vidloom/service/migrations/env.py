"""Alembic environment: runs migrations against the URL that vidloom.service.db.migrate() sets."""
from alembic import context
from sqlalchemy import engine_from_config, pool

from vidloom.service.models import Base

config = context.config
connectable = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.",
                                 poolclass=pool.NullPool)
with connectable.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()

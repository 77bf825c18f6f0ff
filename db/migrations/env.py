"""Alembic environment. The app passes an open connection in config.attributes['connection'];
the alembic command line (alembic.ini at the project root) uses sqlalchemy.url instead."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

import db.models  # noqa: F401  (fills Base.metadata)
from db.hand_made import include_name
from db.models import Base, UTCDateTime

config = context.config
target_metadata = Base.metadata


def _render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    # Migrations must not import app types that may change later: UTCDateTime is stored as DATETIME.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def _configure_and_run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        compare_type=True,
        render_item=_render_item,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///community.sqlite")
    with engine.connect() as conn:
        _configure_and_run(conn)


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()

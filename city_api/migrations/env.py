"""Alembic environment of the city API. city_api.database passes an open connection in
config.attributes['connection']; there is no alembic.ini for this package."""

from __future__ import annotations

from alembic import context

from city_api.models import Base, UTCDateTime, load_all_models

load_all_models()
config = context.config
target_metadata = Base.metadata


def _render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    # migrations must not import app types that may change later
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run the city API migrations through city_api.database.upgrade()")
context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                  compare_type=True, render_item=_render_item)
with context.begin_transaction():
    context.run_migrations()

"""Persistence: SQLAlchemy 2.0 models, engine/session setup, Alembic migrations, demo data.

Nothing here imports Qt or the application packages.
"""

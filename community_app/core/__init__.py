"""Domain logic with no Qt: plain functions and classes that take a SQLAlchemy Session."""

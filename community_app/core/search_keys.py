"""The derived search columns of a resident (see db.search_keys, where the generator and
the migrations use them too)."""

from db.search_keys import SEARCH_COLUMNS, derived_columns, name_keys, number_keys

__all__ = ["SEARCH_COLUMNS", "derived_columns", "name_keys", "number_keys"]

"""The desktop user interface (Qt only). Pages are thin views over community_app.core calls."""

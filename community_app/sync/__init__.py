"""Sync with the city API: the HTTP client, the outbox upload, the pull of the changes feed, conflicts. No Qt."""

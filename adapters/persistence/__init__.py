"""Persistence: the event store, the schema and the SQL tables beside it."""

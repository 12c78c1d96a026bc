"""Ingest: one adapter per message format, each turning a message into canonical records."""

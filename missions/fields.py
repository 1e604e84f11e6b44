"""A search vector column that exists on every database the portal runs on."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField


class PortableSearchVectorField(SearchVectorField):
    """A ``tsvector`` on PostgreSQL, a plain (unused) text column elsewhere.

    The PostgreSQL full-text search reads it; on SQLite the search falls back to the
    folded text column beside it (see ``missions/search.py``), so the same migration
    runs on both backends.
    """

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"

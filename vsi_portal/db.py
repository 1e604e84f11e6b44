"""What the ORM does not say in one statement, written once for every app."""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import QuerySet
from django.db.models.sql import UpdateQuery


def update_returning_pks(queryset: QuerySet, **values) -> set[int]:
    """``queryset.update(**values)``, returning the primary keys of the rows it changed.

    The statement is the ORM's own UPDATE (its WHERE, its adapted parameters) followed by
    ``RETURNING``, which PostgreSQL and SQLite (3.35+) both support: one statement says
    which rows this worker moved, where a row count could only say how many.
    """
    query = queryset.query.chain(UpdateQuery)
    query.add_update_values(values)
    try:
        sql, params = query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # e.g. pk__in=[]: nothing to update, as QuerySet.update says
        return set()
    database = connections[queryset.db]
    pk_column = database.ops.quote_name(queryset.model._meta.pk.column)
    with transaction.mark_for_rollback_on_error(queryset.db), database.cursor() as cursor:
        cursor.execute(f"{sql} RETURNING {pk_column}", params)
        return {row[0] for row in cursor.fetchall()}

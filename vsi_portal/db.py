"""What the ORM does not say in one statement, written once for every app; constraints whose
violation a form shows on its field (``FieldCheckConstraint``)."""

from __future__ import annotations

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import CheckConstraint, Func, IntegerField, QuerySet
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


class DateRange(Func):
    """PostgreSQL's ``daterange(lower, upper, bounds)``, e.g. for an exclusion constraint."""

    function = "DATERANGE"
    output_field = DateRangeField()


class HoursBetween(Func):
    """``later - earlier`` in whole hours (rounded down), for two moments (datetimes)."""

    arity = 2
    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="FLOOR(EXTRACT(EPOCH FROM (%(expressions)s)) / 3600)::integer",
            arg_joiner=" - ",
        )

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST((JULIANDAY(%(expressions)s)) * 24 + 0.000001 AS INTEGER)",
            arg_joiner=") - JULIANDAY(",
        )


class PostgresExclusionConstraint(ExclusionConstraint):
    """An ``ExclusionConstraint`` on PostgreSQL, and nothing on SQLite, which has none.

    The model states the constraint once for every database: its migration adds it on
    PostgreSQL only, and model validation skips it elsewhere. What it forbids must then
    also be refused by the services (under a lock), so that SQLite keeps the same promise
    for one process at a time.
    """

    def constraint_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().constraint_sql(model, schema_editor)

    def create_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().create_sql(model, schema_editor)

    def remove_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().remove_sql(model, schema_editor)

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        if connections[using].vendor == "postgresql":
            super().validate(model, instance, exclude=exclude, using=using)


class FieldCheckConstraint(CheckConstraint):
    """A ``CheckConstraint`` whose violation a form shows on one field, in words.

    Django reports a check constraint's violation as the whole form's error, in the
    constraint's own terms ("Constraint “mission_end_after_start” is violated."). Naming
    the field it concerns and a ``violation_error_message`` puts the words a person
    understands beside what they typed ("The mission cannot end before it starts." on the
    end date); the database refuses the same row whoever writes it.
    """

    def __init__(self, *, field: str, **kwargs):
        self.field = field
        super().__init__(**kwargs)

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError as error:
            raise ValidationError({self.field: error.error_list}) from error

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        return path, args, {**kwargs, "field": self.field}

    def __eq__(self, other):
        return (
            isinstance(other, FieldCheckConstraint)
            and self.field == other.field
            and super().__eq__(other)
        )

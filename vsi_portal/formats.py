"""The one way each language writes a date in a sentence ("1 juin 2027", "June 1, 2027")."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format


def format_day(day: date) -> str:
    """A day in the active language's ``DATE_FORMAT``, for messages written in Python."""
    return date_format(day, "DATE_FORMAT")

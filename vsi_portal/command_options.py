"""Options the portal's management commands share."""

from __future__ import annotations

from datetime import date

from django.core.management.base import CommandError
from django.utils import timezone

DATE_HELP = "The day to run for, YYYY-MM-DD (default: today)."


def day_option(value: str | None) -> date:
    """The day a ``--date`` option names, or today in the portal's time zone."""
    if not value:
        return timezone.localdate()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date {value!r} is not a date written YYYY-MM-DD.") from None

"""Options the portal's management commands share."""

from __future__ import annotations

from datetime import date, datetime

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


NOW_HELP = (
    "The moment to run at, YYYY-MM-DDTHH:MM in the portal's time zone (default: now); for "
    "jobs that count in hours rather than days."
)


def moment_option(value: str | None) -> datetime:
    """The aware moment a ``--now`` option names (portal's time zone), or now."""
    if not value:
        return timezone.now()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--now {value!r} is not a moment written YYYY-MM-DDTHH:MM.") from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment

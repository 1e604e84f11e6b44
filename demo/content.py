"""The demo's content: the data files in ``demo/data/``, and their dates.

Dates in the files are offsets from the day ``load_demo`` runs (``start_in_days = 45``),
so that on the day of ``make run`` the demo shows every feature: reminders fall due,
contracts end in 14 days, an approval expires within 90 days.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime, time
from pathlib import Path

from django.utils import timezone

from notifications.models import Notification

DATA = Path(__file__).resolve().parent / "data"


def read(name: str) -> dict:
    """The content of ``demo/data/<name>.toml``."""
    with (DATA / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def at(day: date, hour: int = 10) -> datetime:
    """A moment of that day, in the portal's time zone: when a past demo step happened."""
    return timezone.make_aware(datetime.combine(day, time(hour)))


def backdate_notices(*, since: datetime, day: date, hour: int = 10) -> None:
    """The in-app notices a demo step wrote since ``since`` are dated from the day it
    happened (the services write them now)."""
    Notification.objects.filter(created_at__gte=since).update(created_at=at(day, hour))

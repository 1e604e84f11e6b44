"""Runs the daily end of contracts now (the embedded mode's and the operators' way)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from missions.services.contract_ends import contracts_end_due


class Command(BaseCommand):
    help = (
        "Ends early the contracts whose notice's last day has passed (what the daily job "
        "does); running it again ends nothing more."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="The day to run for, YYYY-MM-DD (default: today).")

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(
                    f"--date {options['date']!r} is not a date written YYYY-MM-DD."
                ) from None
        ended = contracts_end_due(today=today)
        self.stdout.write(f"ended: {len(ended)}")

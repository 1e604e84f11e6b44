"""Records each association's response figures of the day now (what the nightly job does)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from missions.services.response_figures import response_figures_record
from vsi_portal.command_options import day_option


class Command(BaseCommand):
    help = (
        "Records each association's response rate and median time to a first answer of the "
        "day (what the nightly job does), so that the pages read them instead of computing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="The day to run for, YYYY-MM-DD (default: today).")

    def handle(self, *args, **options) -> None:
        today = day_option(options["date"])
        recorded = response_figures_record(today=today)
        self.stdout.write(f"recorded: {recorded}")

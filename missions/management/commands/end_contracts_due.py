"""Runs the daily end of contracts now (the embedded mode's and the operators' way)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from missions.services.contract_ends import contracts_end_due
from vsi_portal.command_options import day_option


class Command(BaseCommand):
    help = (
        "Ends early the contracts whose notice's last day has passed (what the daily job "
        "does); running it again ends nothing more."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="The day to run for, YYYY-MM-DD (default: today).")

    def handle(self, *args, **options) -> None:
        today = day_option(options["date"])
        ended = contracts_end_due(today=today)
        self.stdout.write(f"ended: {len(ended)}")

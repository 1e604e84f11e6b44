"""Sends the saved searches' alerts due today (what the morning's Celery beat job does)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from missions.services.search_alerts import search_alerts_send
from vsi_portal.command_options import day_option


class Command(BaseCommand):
    help = (
        "Sends each volunteer one e-mail with the new missions of their saved searches whose "
        "alert is due (daily, weekly); running it again the same day sends nothing more."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="The day to run for, YYYY-MM-DD (default: today).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be sent, send nothing."
        )

    def handle(self, *args, **options) -> None:
        today = day_option(options["date"])
        run = search_alerts_send(today=today, dry_run=options["dry_run"])
        for frequency, count in run.counts.items():
            verb = "would alert" if run.dry_run else "alerted"
            self.stdout.write(
                f"{frequency}: {count.due} due, {verb} {count.alerted} "
                f"with {count.missions} new missions"
            )
        for email, name, missions in run.would_send:
            self.stdout.write(f"  would send to {email}: {name} ({missions} missions)")
        if run.failed:
            self.stderr.write(f"failed: {run.failed} (see the log; the next run tries again)")
        self.stdout.write(f"sent: {0 if run.dry_run else run.sent}")

"""Deletes the expired exports now (what the hourly job does)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from missions.services.exports import exports_delete_expired
from vsi_portal.command_options import NOW_HELP, moment_option


class Command(BaseCommand):
    help = (
        "Deletes the exports kept Export.KEEP_HOURS (their rows and files), as the hourly "
        "job does; running it again deletes nothing more."
    )

    def add_arguments(self, parser) -> None:
        # A moment rather than the shared --date: an export expires to the minute.
        parser.add_argument("--now", help=NOW_HELP)
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, **options) -> None:
        now = moment_option(options["now"])
        count = exports_delete_expired(now=now, dry_run=options["dry_run"])
        label = "would delete" if options["dry_run"] else "deleted"
        self.stdout.write(f"{label}: {count}")

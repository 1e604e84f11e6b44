"""Runs the daily reminder scans now (the embedded mode's and the operators' way)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from notifications import services
from notifications.reminders import get_kind, registered_kinds
from vsi_portal.command_options import day_option


class Command(BaseCommand):
    help = "Sends the reminders that are due (every kind, or one with --kind)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="The day to scan for, YYYY-MM-DD (default: today).")
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be sent; write nothing."
        )
        parser.add_argument("--kind", help="Only this kind of reminder (its code).")
        parser.add_argument(
            "--lookback-days",
            type=int,
            default=services.DEFAULT_LOOKBACK_DAYS,
            help="Also catch reminders that fell due this many days before (default: 7).",
        )

    def handle(self, *args, **options) -> None:
        today = day_option(options["date"]) if options["date"] else None
        if options["lookback_days"] < 0:
            raise CommandError("--lookback-days cannot be negative.")
        if options["kind"]:
            try:
                kinds = [get_kind(options["kind"])]
            except LookupError:
                known = ", ".join(k.code for k in registered_kinds())
                raise CommandError(
                    f"Unknown kind {options['kind']!r}; known kinds: {known}."
                ) from None
        else:
            kinds = registered_kinds()
        total = 0
        for kind in kinds:
            result = services.reminders_scan(
                kind=kind.code,
                today=today,
                lookback_days=options["lookback_days"],
                dry_run=options["dry_run"],
            )
            if options["dry_run"]:
                line = f"{kind.code}: {result.due} would be sent"
                if result.acted:
                    line += f", {result.acted} would be moved"
                self.stdout.write(line)
                for email, due_on, subject in result.would_send:
                    self.stdout.write(f"  {email} – {subject} – due {due_on.isoformat()}")
                total += result.due
            else:
                line = f"{kind.code}: {result.due} due, {result.sent} sent, {result.failed} failed"
                if result.cancelled:
                    line += f", {result.cancelled} cancelled"
                if result.acted:
                    line += f", {result.acted} moved"
                self.stdout.write(line)
                total += result.sent
        self.stdout.write(f"would send: {total}" if options["dry_run"] else f"sent: {total}")

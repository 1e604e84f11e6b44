"""Queues again the exports still waiting, gives up those stuck building (the 5-minute job)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from missions.services.exports import exports_requeue_waiting
from missions.tasks import queue_export_build
from vsi_portal.command_options import NOW_HELP, moment_option


class Command(BaseCommand):
    help = (
        "Queues again the builds of the exports still pending Export.REQUEUE_MINUTES after "
        "they were asked for (without a broker: builds them now), and marks failed those "
        "still building Export.GIVE_UP_MINUTES after their build started, as the job run "
        "every 5 minutes does."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--now", help=NOW_HELP)
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args, **options) -> None:
        now = moment_option(options["now"])
        swept = exports_requeue_waiting(
            queue=queue_export_build, now=now, dry_run=options["dry_run"]
        )
        if options["dry_run"]:
            self.stdout.write(f"would requeue: {swept.requeued}, would fail: {swept.failed}")
        else:
            self.stdout.write(f"requeued: {swept.requeued}, failed: {swept.failed}")

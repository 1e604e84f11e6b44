"""Sends what waits in the outbox now (the embedded mode's and the operators' way)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from vsi_portal.outbox.sending import outbox_purge, outbox_send


class Command(BaseCommand):
    help = (
        "Sends every e-mail of the outbox that is due (digests whose hour came, retries); "
        "each is sent once, even with a worker sending at the same time."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--purge",
            action="store_true",
            help="Also delete what was sent more than OUTBOX_KEEP_DAYS ago.",
        )

    def handle(self, *args, **options) -> None:
        result = outbox_send()
        self.stdout.write(
            f"sent: {result.sent}, failed: {result.failed}, "
            f"held (hourly budget): {result.held}, taken by another worker: {result.taken}"
        )
        if options["purge"]:
            self.stdout.write(f"purged: {outbox_purge()}")

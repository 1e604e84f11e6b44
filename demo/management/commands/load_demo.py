from django.core.management.base import BaseCommand
from django.utils import timezone

from demo.accounts import DEMO_PASSWORD
from demo.loader import load_demo


class Command(BaseCommand):
    help = "Loads the demo data (idempotent) and prints the demo logins."

    def handle(self, *args, **options) -> None:
        report = load_demo(today=timezone.localdate())
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready. Password for every login: {DEMO_PASSWORD}")
        )
        width = max(len(role) for role, _, _ in report.logins)
        for role, email, note in report.logins:
            suffix = f"  – {note}" if note else ""
            self.stdout.write(f"  {role.ljust(width)}  {email}{suffix}")

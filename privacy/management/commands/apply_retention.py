from django.core.management.base import BaseCommand

from privacy.services import retention_apply


class Command(BaseCommand):
    help = (
        "Deletes unverified accounts after 30 days, checked criminal record files and those "
        "nobody can check any more, login records and the audit trail's IP addresses after "
        "RETENTION_LOGIN_RECORDS_DAYS, audit events after RETENTION_AUDIT_YEARS, and "
        "anonymises volunteer accounts unused for RETENTION_INACTIVE_YEARS years."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be removed; change nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        report = retention_apply(dry_run=dry_run)
        verb = "would be " if dry_run else ""
        sections = [
            (f"unverified accounts {verb}deleted", report.unverified_accounts_deleted),
            (f"criminal record files {verb}deleted", report.criminal_record_files_deleted),
            (f"inactive accounts {verb}anonymised", report.inactive_accounts_anonymised),
            ("skipped", report.skipped),
        ]
        for title, items in sections:
            self.stdout.write(f"{title}: {len(items)}")
            for item in items:
                self.stdout.write(f"  {item}")
        if not dry_run:
            self.stdout.write(f"login records deleted: {report.login_records_deleted}")
            self.stdout.write(f"audit IP addresses erased: {report.audit_addresses_erased}")
            self.stdout.write(f"audit events deleted: {report.audit_events_deleted}")

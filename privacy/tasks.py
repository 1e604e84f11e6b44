"""Celery tasks of privacy: thin, they call services."""

from celery import shared_task

from .services import retention_apply


@shared_task(name="privacy.apply_retention")
def apply_retention() -> dict:
    """Daily: removes what the privacy page says is not kept (services.retention_apply)."""
    report = retention_apply()
    return {
        "unverified_accounts_deleted": len(report.unverified_accounts_deleted),
        "criminal_record_files_deleted": len(report.criminal_record_files_deleted),
        "inactive_accounts_anonymised": len(report.inactive_accounts_anonymised),
        "login_records_deleted": report.login_records_deleted,
        "audit_addresses_erased": report.audit_addresses_erased,
        "audit_events_deleted": report.audit_events_deleted,
        "skipped": len(report.skipped),
    }

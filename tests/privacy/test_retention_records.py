"""The retention job's newer steps: login records and the audit trail's addresses after
RETENTION_LOGIN_RECORDS_DAYS, audit events after RETENTION_AUDIT_YEARS, criminal record
extracts nobody can check any more; and an erasure takes the person's login records."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from missions.services.contract_departure import contract_record_criminal_record_check
from privacy import services as privacy_services
from privacy.services import retention_apply
from tests.factories import ContractFactory, MembershipFactory, VolunteerFactory
from tests.missions.engagement import PDF_BYTES, upload_document
from volunteers.models import Document
from volunteers.services import document_upload
from vsi_portal.security.models import AuditEvent

pytestmark = pytest.mark.django_db

NOW = datetime.fromisoformat("2030-06-15T10:00:00+02:00")
AXES_MODELS = (AccessAttempt, AccessFailureLog, AccessLog)


def _login_records(login: str, *, days_ago: int) -> None:
    for model in AXES_MODELS:
        row = model.objects.create(
            username=login, ip_address="203.0.113.5", user_agent="Firefox", **_extra(model)
        )
        model.objects.filter(pk=row.pk).update(attempt_time=NOW - timedelta(days=days_ago))


def _extra(model) -> dict:
    return {"failures_since_start": 1} if model is AccessAttempt else {}


def _remaining(login: str) -> int:
    return sum(model.objects.filter(username=login).count() for model in AXES_MODELS)


# --- Login records ------------------------------------------------------------------------


def test_login_records_older_than_90_days_are_deleted(settings):
    assert settings.RETENTION_LOGIN_RECORDS_DAYS == 90
    _login_records("old@example.org", days_ago=91)
    _login_records("recent@example.org", days_ago=89)
    report = retention_apply(now=NOW)
    assert _remaining("old@example.org") == 0
    assert _remaining("recent@example.org") == 3
    assert report.login_records_deleted == 3


def test_the_login_records_period_is_a_setting(settings):
    settings.RETENTION_LOGIN_RECORDS_DAYS = 30
    _login_records("a@example.org", days_ago=31)
    retention_apply(now=NOW)
    assert _remaining("a@example.org") == 0


def test_a_dry_run_deletes_no_login_record():
    _login_records("old@example.org", days_ago=200)
    retention_apply(now=NOW, dry_run=True)
    assert _remaining("old@example.org") == 3


def test_the_audit_trail_s_addresses_go_after_90_days_and_its_events_after_5_years():
    def event(days_ago: int) -> AuditEvent:
        row = AuditEvent.objects.create(action="document_downloaded", ip_address="203.0.113.5")
        AuditEvent.objects.filter(pk=row.pk).update(at=NOW - timedelta(days=days_ago))
        return row

    recent, older, ancient = event(10), event(100), event(5 * 366)
    retention_apply(now=NOW)
    recent.refresh_from_db()
    older.refresh_from_db()
    assert recent.ip_address == "203.0.113.5"
    assert older.ip_address is None
    assert not AuditEvent.objects.filter(pk=ancient.pk).exists()


def test_erasure_deletes_the_person_s_login_records_and_no_one_else_s():
    volunteer = VolunteerFactory(user__email="lea@example.org")
    _login_records("lea@example.org", days_ago=1)
    _login_records("LEA@example.org", days_ago=1)
    _login_records("other@example.org", days_ago=1)
    privacy_services.account_delete(user=volunteer.user)
    assert _remaining("lea@example.org") + _remaining("LEA@example.org") == 0
    assert _remaining("other@example.org") == 3


# --- Criminal record extracts nobody can check ----------------------------------------------


def _active_volunteer():
    """A volunteer who signed in yesterday: the inactive-accounts step leaves them alone."""
    return VolunteerFactory(user__last_login=NOW - timedelta(days=1))


def _extract_sent(volunteer, *, days_ago: int) -> Document:
    document = upload_document(volunteer)
    Document.objects.filter(pk=document.pk).update(uploaded_at=NOW - timedelta(days=days_ago))
    document.refresh_from_db()
    return document


def test_an_extract_nobody_checked_for_90_days_without_a_planned_contract_is_deleted(
    django_capture_on_commit_callbacks,
):
    document = _extract_sent(_active_volunteer(), days_ago=91)
    name = document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        report = retention_apply(now=NOW)
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not default_storage.exists(name)
    assert name in report.criminal_record_files_deleted
    event = AuditEvent.objects.get(details__removed="unchecked criminal record extract")
    assert event.subject_label == f"volunteers.document #{document.pk}"


def test_an_extract_a_planned_contract_waits_for_is_kept():
    contract = ContractFactory(application__volunteer=_active_volunteer())
    document = _extract_sent(contract.volunteer, days_ago=200)
    retention_apply(now=NOW)
    assert Document.objects.filter(pk=document.pk).exists()


def test_an_extract_sent_less_than_90_days_ago_is_kept():
    document = _extract_sent(_active_volunteer(), days_ago=89)
    retention_apply(now=NOW)
    assert Document.objects.filter(pk=document.pk).exists()


def test_an_extract_sent_again_after_the_check_once_the_mission_is_under_way_is_deleted(
    django_capture_on_commit_callbacks,
):
    """The case of the report: the extract was checked, the volunteer left, then sent a new
    one that no association can check. It does not stay on disk."""
    contract = ContractFactory(application__volunteer=_active_volunteer())
    admin = MembershipFactory(association=contract.association).user
    upload_document(contract.volunteer)
    with django_capture_on_commit_callbacks(execute=True):
        contract_record_criminal_record_check(contract=contract, by=admin, outcome="clear")
    contract.status = "active"
    contract.save(update_fields=["status"])
    upload = SimpleUploadedFile("extrait.pdf", PDF_BYTES, content_type="application/pdf")
    again = document_upload(volunteer=contract.volunteer, kind="criminal_record", upload=upload)
    Document.objects.filter(pk=again.pk).update(uploaded_at=NOW - timedelta(days=91))
    with django_capture_on_commit_callbacks(execute=True):
        retention_apply(now=NOW)
    assert not default_storage.exists(again.file.name)
    assert not Document.objects.filter(pk=again.pk).exists()


def test_the_file_of_an_extract_sent_again_whose_save_was_rolled_back_is_an_orphan_removed():
    """A new upload writes its file before its row commits: a rollback leaves the file
    with no row; the orphan step removes it once a day old."""
    volunteer = _active_volunteer()
    upload = SimpleUploadedFile("extrait.pdf", PDF_BYTES, content_type="application/pdf")
    with pytest.raises(RuntimeError), transaction.atomic():
        document = document_upload(volunteer=volunteer, kind="criminal_record", upload=upload)
        name = document.file.name
        raise RuntimeError("the request failed after the upload")
    assert default_storage.exists(name)
    assert not Document.objects.filter(file=name).exists()
    two_days_ago = (NOW - timedelta(days=2)).timestamp()
    os.utime(default_storage.path(name), (two_days_ago, two_days_ago))
    retention_apply(now=NOW)
    assert not default_storage.exists(name)

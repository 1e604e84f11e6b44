"""The retention job removes what the privacy page says is not kept (dates are frozen
by passing `now`)."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from privacy.services import retention_apply
from privacy.tasks import apply_retention
from tests.factories import ContractFactory, MembershipFactory, UserFactory, VolunteerFactory
from volunteers.models import Document, Volunteer
from vsi_portal.accounts.models import User
from vsi_portal.security.models import AuditEvent

pytestmark = pytest.mark.django_db

NOW = datetime.fromisoformat("2030-06-15T10:00:00+02:00")


def _unverified(days_ago: int, *, base: datetime = NOW, **extra) -> User:
    user = UserFactory(verified=False, date_joined=base - timedelta(days=days_ago), **extra)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    return user


def _last_seen(days_ago: int, **extra) -> User:
    return UserFactory(last_login=NOW - timedelta(days=days_ago), **extra)


def _extract(volunteer, *, checked: bool, name="documents/criminal_record/x.pdf") -> Document:
    stored = default_storage.save(name, ContentFile(b"%PDF-1.4 extract %%EOF"))
    return Document.objects.create(
        volunteer=volunteer,
        kind="criminal_record",
        file=stored,
        original_name="casier.pdf",
        content_type="application/pdf",
        size=22,
        uploaded_at=NOW - timedelta(days=10),
        checked_at=NOW - timedelta(days=1) if checked else None,
        outcome="clear" if checked else "",
    )


# --- Unverified accounts ----------------------------------------------------------------


def test_an_account_never_verified_is_deleted_after_30_days():
    user = _unverified(31)
    report = retention_apply(now=NOW)
    assert not User.objects.filter(pk=user.pk).exists()
    assert report.unverified_accounts_deleted == [user.email]
    event = AuditEvent.objects.get(action="account_deleted")
    assert event.details["reason"] == "unverified"
    assert user.email not in event.subject_label


def test_an_account_never_verified_is_kept_during_its_first_30_days():
    user = _unverified(29)
    retention_apply(now=NOW)
    assert User.objects.filter(pk=user.pk).exists()


def test_a_verified_account_is_never_deleted_as_unverified():
    user = UserFactory(date_joined=NOW - timedelta(days=400), last_login=NOW)
    EmailAddress.objects.create(user=user, email="other@example.org", verified=False)
    retention_apply(now=NOW)
    assert User.objects.filter(pk=user.pk).exists()


def test_an_unverified_account_that_signed_in_is_kept():
    user = _unverified(60, last_login=NOW - timedelta(days=10))
    retention_apply(now=NOW)
    assert User.objects.filter(pk=user.pk).exists()


def test_staff_and_accounts_created_without_sign_up_are_never_deleted_as_unverified():
    staff = _unverified(60, is_staff=True, last_login=None)
    created_by_hand = UserFactory(verified=False, date_joined=NOW - timedelta(days=60))
    retention_apply(now=NOW)
    assert User.objects.filter(pk__in=[staff.pk, created_by_hand.pk]).count() == 2


# --- Criminal record files ----------------------------------------------------------------


def test_a_checked_criminal_record_file_left_behind_is_deleted(
    django_capture_on_commit_callbacks,
):
    document = _extract(VolunteerFactory(user=_last_seen(1)), checked=True)
    name = document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        report = retention_apply(now=NOW)
    document.refresh_from_db()
    assert document.file.name == ""
    assert document.checked_at is not None and document.outcome == "clear"
    assert not default_storage.exists(name)
    assert report.criminal_record_files_deleted == [name]


def test_an_unchecked_criminal_record_file_is_kept():
    document = _extract(VolunteerFactory(user=_last_seen(1)), checked=False)
    retention_apply(now=NOW)
    document.refresh_from_db()
    assert default_storage.exists(document.file.name)


def test_an_orphan_criminal_record_file_is_deleted_once_a_day_old():
    old = default_storage.save("documents/criminal_record/old.pdf", ContentFile(b"x"))
    young = default_storage.save("documents/criminal_record/young.pdf", ContentFile(b"x"))
    two_days_ago = (NOW - timedelta(days=2)).timestamp()
    os.utime(default_storage.path(old), (two_days_ago, two_days_ago))
    os.utime(default_storage.path(young), (NOW.timestamp(), NOW.timestamp()))
    retention_apply(now=NOW)
    assert not default_storage.exists(old)
    assert default_storage.exists(young)


# --- Inactive volunteer accounts ------------------------------------------------------------


def test_a_volunteer_unused_for_three_years_is_anonymised():
    volunteer = VolunteerFactory(user=_last_seen(3 * 366))
    user = volunteer.user
    report = retention_apply(now=NOW)
    user.refresh_from_db()
    assert user.email.startswith("deleted-") and not user.is_active
    assert not Volunteer.objects.filter(pk=volunteer.pk).exists()
    assert len(report.inactive_accounts_anonymised) == 1
    event = AuditEvent.objects.get(action="account_deleted")
    assert event.details["reason"] == "inactive"


def test_a_volunteer_seen_within_three_years_is_kept():
    volunteer = VolunteerFactory(user=_last_seen(2 * 365))
    retention_apply(now=NOW)
    assert Volunteer.objects.filter(pk=volunteer.pk).exists()


def test_the_inactivity_period_is_a_setting(settings):
    settings.RETENTION_INACTIVE_YEARS = 5
    volunteer = VolunteerFactory(user=_last_seen(4 * 365))
    retention_apply(now=NOW)
    assert Volunteer.objects.filter(pk=volunteer.pk).exists()


def test_association_staff_and_france_volontaires_are_never_anonymised():
    member = MembershipFactory(user=_last_seen(5 * 365)).user
    staff = _last_seen(5 * 365, is_staff=True)
    retention_apply(now=NOW)
    member.refresh_from_db()
    staff.refresh_from_db()
    assert member.is_active and staff.is_active


def test_a_volunteer_with_a_running_contract_is_kept():
    contract = ContractFactory(status="active")
    user = contract.volunteer.user
    user.last_login = NOW - timedelta(days=5 * 365)
    user.save(update_fields=["last_login"])
    retention_apply(now=NOW)
    user.refresh_from_db()
    assert user.is_active


def test_an_anonymised_account_is_not_anonymised_twice():
    VolunteerFactory(user=_last_seen(4 * 365))
    retention_apply(now=NOW)
    second = retention_apply(now=NOW)
    assert second.total == 0


# --- Dry run, command, task ------------------------------------------------------------------


def test_a_dry_run_lists_and_changes_nothing():
    user = _unverified(31)
    volunteer = VolunteerFactory(user=_last_seen(4 * 365))
    report = retention_apply(now=NOW, dry_run=True)
    assert report.unverified_accounts_deleted == [user.email]
    assert report.inactive_accounts_anonymised == [volunteer.user.email]
    assert User.objects.filter(pk=user.pk).exists()
    assert Volunteer.objects.filter(pk=volunteer.pk).exists()
    assert not AuditEvent.objects.exists()


def test_the_command_dry_run_prints_what_would_go():
    user = _unverified(400, base=timezone.now())
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "unverified accounts would be deleted: 1" in out.getvalue()
    assert user.email in out.getvalue()
    assert User.objects.filter(pk=user.pk).exists()


def test_the_command_applies_retention():
    user = _unverified(400, base=timezone.now())
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "unverified accounts deleted: 1" in out.getvalue()
    assert not User.objects.filter(pk=user.pk).exists()


def test_the_daily_task_applies_retention():
    _unverified(400, base=timezone.now())
    # The task body as a worker runs it (a real worker is proven in tests/core).
    result = apply_retention.apply().get()
    assert result["unverified_accounts_deleted"] == 1


def test_the_beat_schedule_runs_retention_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["privacy-apply-retention"]
    assert entry["task"] == apply_retention.name == "privacy.apply_retention"
    assert entry["schedule"].hour == {3} and entry["schedule"].minute == {30}

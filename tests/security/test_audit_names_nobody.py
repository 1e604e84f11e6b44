"""The audit trail names people by account number only: new rows never hold a name or an
e-mail, and an erasure rewrites the older rows about the person; a lockout keeps only a
keyed fingerprint of the login typed."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from missions.services.contract_departure import contract_record_criminal_record_check
from privacy import services as privacy_services
from tests.factories import ContractFactory, MembershipFactory, UserFactory, VolunteerFactory
from tests.missions.engagement import upload_document
from vsi_portal.security.models import AuditEvent
from vsi_portal.security.services import audit_record, login_fingerprint

pytestmark = pytest.mark.django_db


def _row_text(event: AuditEvent) -> str:
    return " ".join(
        str(value)
        for value in (event.actor_label, event.subject_label, event.details, event.ip_address)
    ).lower()


def _names_of(user) -> list[str]:
    return [user.email.lower(), user.full_name.lower()]


def test_a_criminal_record_viewed_and_checked_names_nobody(client):
    volunteer = VolunteerFactory(user__full_name="Léa Martin")
    contract = ContractFactory(application__volunteer=volunteer)
    admin = MembershipFactory(association=contract.association, user__full_name="Ana Admin").user
    extract = upload_document(volunteer)
    client.force_login(admin)
    client.get(reverse("volunteers:document_download", kwargs={"pk": extract.pk}))
    contract_record_criminal_record_check(contract=contract, by=admin, outcome="clear")
    events = list(AuditEvent.objects.filter(action__startswith="criminal_record"))
    assert len(events) == 2
    for event in events:
        assert event.actor_label == f"user #{admin.pk}"
        assert event.subject_label == f"volunteers.document #{extract.pk}"
        for name in _names_of(volunteer.user) + _names_of(admin):
            assert name not in _row_text(event)


def test_an_event_about_an_account_names_it_by_number():
    user = UserFactory()
    event = audit_record(actor=user, action="two_factor_enabled", subject=user)
    assert (event.actor_label, event.subject_label) == (f"user #{user.pk}", f"user #{user.pk}")


def test_an_association_keeps_its_name():
    from tests.factories import AssociationFactory

    association = AssociationFactory(name="Terres d'Afrique")
    event = audit_record(actor=None, action="association_decision", subject=association)
    assert event.subject_label == "Terres d'Afrique"


def test_a_lockout_keeps_no_login_and_one_fingerprint_per_address(client):
    UserFactory(email="lea@example.org")
    for login in ["lea@example.org"] * settings.AXES_FAILURE_LIMIT + ["LEA@example.org"]:
        client.post(reverse("account_login"), {"login": login, "password": "nope"})
    events = list(AuditEvent.objects.filter(action="login_locked_out"))
    assert events
    for event in events:
        assert "lea@example.org" not in _row_text(event)
        assert event.subject_label == ""
        assert event.details == {"login_fingerprint": login_fingerprint("Lea@Example.org")}


def _old_style_rows(volunteer, staff):
    """Rows as the trail wrote them before: e-mails and names in its labels."""
    user = volunteer.user
    return [
        AuditEvent.objects.create(
            action="criminal_record_viewed",
            actor=staff,
            actor_label=staff.email,
            subject_type="volunteers.document",
            subject_id="7",
            subject_label=f"Extrait de casier judiciaire – {user.full_name}",
            ip_address="198.51.100.4",
        ),
        AuditEvent.objects.create(
            action="document_downloaded",
            actor=user,
            actor_label=user.email,
            subject_type="volunteers.document",
            subject_id="8",
            subject_label=f"CV – {user.email}",
            ip_address="203.0.113.9",
        ),
        AuditEvent.objects.create(
            action="login_locked_out",
            subject_label=user.email,
            details={"login_fingerprint": login_fingerprint(user.email)},
            ip_address="203.0.113.9",
        ),
    ]


def test_erasure_leaves_no_name_or_e_mail_of_the_person_in_the_trail():
    volunteer = VolunteerFactory(user__full_name="Léa Martin")
    staff = UserFactory()
    user = volunteer.user
    names = _names_of(user)
    rows = _old_style_rows(volunteer, staff)
    privacy_services.account_delete(user=user)
    for event in AuditEvent.objects.all():
        for name in names:
            assert name not in _row_text(event), event
    viewed, downloaded, lockout = (AuditEvent.objects.get(pk=row.pk) for row in rows)
    assert viewed.subject_label == "volunteers.document #7"
    assert viewed.actor_label == staff.email  # someone else's row: only the subject changes
    assert viewed.ip_address == "198.51.100.4"
    assert downloaded.actor_label == f"user #{user.pk}"
    assert downloaded.ip_address is None
    assert lockout.details == {} and lockout.ip_address is None


def test_erasure_leaves_other_people_s_rows_alone():
    other = UserFactory()
    event = audit_record(actor=other, action="two_factor_enabled", subject=other)
    privacy_services.account_delete(user=VolunteerFactory().user)
    event.refresh_from_db()
    assert event.actor_label == f"user #{other.pk}"


def test_the_migration_rewrites_the_rows_written_before():
    migration = importlib.import_module(
        "vsi_portal.security.migrations.0002_audit_rows_name_nobody"
    )
    volunteer = VolunteerFactory(user__full_name="Léa Martin")
    staff = UserFactory()
    rows = _old_style_rows(volunteer, staff)
    AuditEvent.objects.filter(pk=rows[2].pk).update(details={"login": volunteer.user.email})
    association_row = AuditEvent.objects.create(
        action="association_decision",
        subject_type="associations.association",
        subject_id="3",
        subject_label="Terres d'Afrique",
    )
    migration.name_nobody(apps, None)
    for event in AuditEvent.objects.exclude(pk=association_row.pk):
        for name in _names_of(volunteer.user) + _names_of(staff):
            assert name not in _row_text(event), event
    assert AuditEvent.objects.get(pk=rows[0].pk).actor_label == f"user #{staff.pk}"
    assert AuditEvent.objects.get(pk=rows[2].pk).details == {
        "login_fingerprint": login_fingerprint(volunteer.user.email)
    }
    association_row.refresh_from_db()
    assert association_row.subject_label == "Terres d'Afrique"

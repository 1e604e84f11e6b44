"""The audit trail: written by the services, read-only for France Volontaires."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from associations.services.associations import association_approve, association_reject
from tests.factories import AssociationFactory, UserFactory, otp_verify
from vsi_portal.security.models import AuditEvent
from vsi_portal.security.services import audit_record, login_fingerprint

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:security_auditevent_changelist")


def _pending():
    return AssociationFactory(status="pending", approval_reference="", approval_expires_on=None)


def test_an_association_decision_is_recorded_with_who_and_what():
    reviewer = UserFactory(is_staff=True)
    association = _pending()
    association_reject(association=association, by=reviewer, reason="Statuts manquants")
    event = AuditEvent.objects.get(action="association_decision")
    assert event.actor == reviewer
    assert event.actor_label == f"user #{reviewer.pk}"
    assert event.subject_type == "associations.association"
    assert event.subject_id == str(association.pk)
    assert event.details == {"decision": "reject", "from": "pending", "to": "rejected"}


def test_a_refused_decision_leaves_no_audit_event():
    association = AssociationFactory(status="approved")
    with pytest.raises(Exception):  # noqa: B017 - the domain error of a wrong move
        association_approve(
            association=association,
            by=UserFactory(is_staff=True),
            approval_reference="X",
            approval_expires_on=None,
        )
    assert not AuditEvent.objects.exists()


def test_an_unknown_action_is_refused():
    with pytest.raises(ValueError):
        audit_record(actor=None, action="made_up")


def test_an_event_keeps_the_ip_address_of_the_request(rf):
    request = rf.get("/", REMOTE_ADDR="203.0.113.7")
    event = audit_record(actor=None, action="document_downloaded", request=request)
    assert event.ip_address == "203.0.113.7"
    assert event.actor is None and event.actor_label == ""


def test_a_lockout_is_recorded(client):
    UserFactory(email="lea@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post(reverse("account_login"), {"login": "lea@example.org", "password": "nope"})
    event = AuditEvent.objects.filter(action="login_locked_out").first()
    assert event is not None
    assert event.details == {"login_fingerprint": login_fingerprint("lea@example.org")}
    assert event.ip_address == "127.0.0.1"


def test_france_volontaires_admins_read_the_trail_with_filters(client):
    AuditEvent.objects.create(action="criminal_record_viewed", subject_label="Extrait de Léa")
    AuditEvent.objects.create(action="account_deleted", subject_label="#42")
    otp_verify(client, UserFactory(is_staff=True, is_superuser=True))
    response = client.get(CHANGELIST, {"action__exact": "criminal_record_viewed"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Extrait de Léa" in body
    assert "#42" not in body


def test_the_trail_cannot_be_added_to_changed_or_deleted_in_the_admin(client):
    event = AuditEvent.objects.create(action="account_deleted", subject_label="#42")
    otp_verify(client, UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:security_auditevent_add")).status_code == 403
    change = reverse("admin:security_auditevent_change", args=[event.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"subject_label": "changed"}).status_code == 403
    delete = reverse("admin:security_auditevent_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.subject_label == "#42"


def test_the_trail_list_runs_the_same_queries_for_1_and_50_events(
    client, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    actor = UserFactory()
    otp_verify(client, UserFactory(is_staff=True, is_superuser=True))
    AuditEvent.objects.create(action="document_downloaded", actor=actor)
    with CaptureQueriesContext(connection) as first:
        assert client.get(CHANGELIST).status_code == 200
    AuditEvent.objects.bulk_create(
        [AuditEvent(action="document_downloaded", actor=actor) for _ in range(49)]
    )
    with django_assert_num_queries(len(first)):
        assert client.get(CHANGELIST).status_code == 200


def test_association_staff_and_volunteers_cannot_read_the_trail(client):
    client.force_login(UserFactory())
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert "login" in response.url

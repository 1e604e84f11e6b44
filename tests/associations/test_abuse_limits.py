"""Limits on what one person can make the portal e-mail: invitations and registrations.

Each limit is tried at the limit and just past it; its refusal is said in English and French.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from associations.errors import AssociationError
from associations.models import Association, Invitation
from associations.services.associations import (
    association_approve,
    association_register,
    association_reject,
    association_resubmit,
)
from associations.services.staff import (
    INVITATIONS_PER_HOUR_PER_PERSON,
    PENDING_INVITATIONS_PER_ASSOCIATION,
    invitation_create,
    invitation_revoke,
)
from tests.associations.conftest import association_url
from tests.factories import AssociationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PROFILE = {
    "name": "Amis du Fleuve",
    "kind": "association",
    "legal_identifier": "W123456789",
    "address": "1 rue de la Loire\n45000 Orléans",
    "country": "FR",
    "website": "",
    "contact_email": "contact@amis-du-fleuve.example.org",
    "description": "Coopération avec le Mali.",
    "min_volunteer_age": 18,
}


def _invite(admin, email="new.colleague@example.org", **kwargs):
    return invitation_create(
        association=admin.association, email=email, role="editor", by=admin.user, **kwargs
    )


def _waiting_invitations(association: Association, count: int) -> None:
    """Open invitations sent earlier by someone else (no hourly limit of the admin used)."""
    now = timezone.now()
    Invitation.objects.bulk_create(
        Invitation(
            association=association,
            email=f"waiting{n}@example.org",
            token_hash=secrets.token_hex(32),
            created_at=now - timedelta(days=1),
            expires_at=now + timedelta(days=6),
        )
        for n in range(count)
    )


# --- Only approved associations invite ---------------------------------------------------


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_an_association_not_approved_cannot_invite(status, outbox):
    admin = MembershipFactory(association=AssociationFactory(status=status))
    with translation.override("en"), pytest.raises(AssociationError) as refused:
        _invite(admin)
    assert refused.value.code == "not_approved"
    assert "once France Volontaires has approved it" in refused.value.message
    assert not Invitation.objects.exists()
    assert outbox == []


def test_the_refusal_to_invite_before_approval_is_said_in_french():
    admin = MembershipFactory(association=AssociationFactory(status="pending"))
    with translation.override("fr"), pytest.raises(AssociationError) as refused:
        _invite(admin)
    assert refused.value.message == (
        "Votre association pourra inviter des collègues une fois approuvée par France Volontaires."
    )


def test_a_pending_associations_team_page_explains_instead_of_offering_the_form(client):
    admin = MembershipFactory(association=AssociationFactory(status="pending"))
    client.force_login(admin.user)
    client.cookies["django_language"] = "en"
    page = client.get(association_url("members", admin.association)).content.decode()
    assert "once France Volontaires has approved it" in page
    assert association_url("invite", admin.association) not in page


def test_posting_an_invitation_for_a_pending_association_is_refused_on_the_page(client):
    admin = MembershipFactory(association=AssociationFactory(status="pending"))
    client.force_login(admin.user)
    client.cookies["django_language"] = "en"
    response = client.post(
        association_url("invite", admin.association),
        {"email": "someone@example.org", "role": "editor"},
    )
    assert response.status_code == 400
    assert "once France Volontaires has approved it" in response.content.decode()
    assert not Invitation.objects.exists()


# --- Invitations waiting per association ---------------------------------------------------


def test_the_last_invitation_within_the_associations_limit_is_sent(owner):
    _waiting_invitations(owner.association, PENDING_INVITATIONS_PER_ASSOCIATION - 1)
    _invite(owner)
    assert owner.association.invitations.open().count() == PENDING_INVITATIONS_PER_ASSOCIATION


def test_an_invitation_past_the_associations_limit_is_refused(owner):
    _waiting_invitations(owner.association, PENDING_INVITATIONS_PER_ASSOCIATION)
    with translation.override("en"), pytest.raises(AssociationError) as refused:
        _invite(owner)
    assert refused.value.code == "too_many_pending"
    assert refused.value.message.startswith(
        f"{PENDING_INVITATIONS_PER_ASSOCIATION} invitations of your association are waiting"
    )
    with translation.override("fr"), pytest.raises(AssociationError) as refused:
        _invite(owner)
    assert refused.value.message.startswith(
        f"{PENDING_INVITATIONS_PER_ASSOCIATION} invitations de votre association attendent"
    )


def test_at_the_associations_limit_an_address_already_invited_can_be_invited_again(owner):
    _waiting_invitations(owner.association, PENDING_INVITATIONS_PER_ASSOCIATION)
    invitation, _token = _invite(owner, email="WAITING0@example.org")
    assert invitation.email == "waiting0@example.org"
    assert owner.association.invitations.open().count() == PENDING_INVITATIONS_PER_ASSOCIATION


def test_withdrawing_an_invitation_makes_room_for_another(owner):
    _waiting_invitations(owner.association, PENDING_INVITATIONS_PER_ASSOCIATION)
    invitation_revoke(invitation=owner.association.invitations.first(), by=owner.user)
    _invite(owner)


# --- Invitations sent per person and hour ---------------------------------------------------


def test_the_last_invitation_within_the_hourly_limit_is_sent(owner):
    for n in range(INVITATIONS_PER_HOUR_PER_PERSON):
        _invite(owner, email=f"colleague{n}@example.org")
    assert (
        Invitation.objects.filter(invited_by=owner.user).count() == INVITATIONS_PER_HOUR_PER_PERSON
    )


def test_an_invitation_past_the_hourly_limit_is_refused_with_the_wait(owner):
    start = timezone.now()
    for n in range(INVITATIONS_PER_HOUR_PER_PERSON):
        _invite(owner, email=f"colleague{n}@example.org", now=start + timedelta(minutes=n))
    later = start + timedelta(minutes=20)
    with translation.override("en"), pytest.raises(AssociationError) as refused:
        _invite(owner, email="one-more@example.org", now=later)
    assert refused.value.code == "too_many_sent"
    assert refused.value.message == (
        f"You sent {INVITATIONS_PER_HOUR_PER_PERSON} invitations within the last hour, the "
        "most there can be. You can send the next one in 40\xa0minutes."
    )
    with translation.override("fr"), pytest.raises(AssociationError) as refused:
        _invite(owner, email="one-more@example.org", now=later)
    assert refused.value.message.endswith("dans 40\xa0minutes.")


def test_an_hour_after_the_first_invitation_the_next_one_goes(owner):
    start = timezone.now()
    for n in range(INVITATIONS_PER_HOUR_PER_PERSON):
        _invite(owner, email=f"colleague{n}@example.org", now=start + timedelta(minutes=n))
    _invite(owner, email="one-more@example.org", now=start + timedelta(hours=1))


def test_the_hourly_limit_counts_every_association_the_person_runs(owner):
    other = MembershipFactory(user=owner.user, role="admin")
    for n in range(INVITATIONS_PER_HOUR_PER_PERSON):
        _invite(owner, email=f"colleague{n}@example.org")
    with pytest.raises(AssociationError) as refused:
        _invite(other)
    assert refused.value.code == "too_many_sent"


# --- One registration waiting for review per person -------------------------------------


def test_a_second_registration_while_the_first_waits_for_review_is_refused():
    user = UserFactory()
    association_register(by=user, **PROFILE)
    with translation.override("en"), pytest.raises(AssociationError) as refused:
        association_register(by=user, **{**PROFILE, "legal_identifier": "W123456780"})
    assert refused.value.code == "registration_pending"
    assert "has not reviewed yet" in refused.value.message
    with translation.override("fr"), pytest.raises(AssociationError) as refused:
        association_register(by=user, **{**PROFILE, "legal_identifier": "W123456780"})
    assert "n’a pas encore examiné" in refused.value.message
    assert Association.objects.filter(created_by=user).count() == 1


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_once_france_volontaires_decided_another_registration_is_possible(decision, fv_admin):
    user = UserFactory()
    first = association_register(by=user, **PROFILE)
    if decision == "approve":
        association_approve(
            association=first,
            by=fv_admin,
            approval_reference="VSI-1",
            approval_expires_on=timezone.localdate() + timedelta(days=365),
        )
    else:
        association_reject(association=first, by=fv_admin, reason="Dossier incomplet.")
    second = association_register(by=user, **{**PROFILE, "legal_identifier": "W123456780"})
    assert second.status == "pending"


def test_resubmitting_a_rejected_file_while_another_waits_for_review_is_refused(fv_admin):
    user = UserFactory()
    first = association_register(by=user, **PROFILE)
    association_reject(association=first, by=fv_admin, reason="Dossier incomplet.")
    association_register(by=user, **{**PROFILE, "legal_identifier": "W123456780"})
    with pytest.raises(AssociationError) as refused:
        association_resubmit(association=first, by=user)
    assert refused.value.code == "registration_pending"
    first.refresh_from_db()
    assert first.status == "rejected"


def test_a_rejected_file_alone_may_be_resubmitted(fv_admin):
    user = UserFactory()
    first = association_register(by=user, **PROFILE)
    association_reject(association=first, by=fv_admin, reason="Dossier incomplet.")
    association_resubmit(association=first, by=user)
    first.refresh_from_db()
    assert first.status == "pending"


def test_the_registration_page_shows_why_a_second_one_is_refused(client):
    user = UserFactory()
    association_register(by=user, **PROFILE)
    client.force_login(user)
    client.cookies["django_language"] = "en"
    response = client.post(
        association_url("register"), {**PROFILE, "legal_identifier": "W123456780"}
    )
    assert response.status_code == 200
    assert "has not reviewed yet" in response.content.decode()
    assert Association.objects.count() == 1

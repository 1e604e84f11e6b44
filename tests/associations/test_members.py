"""Registration, and the team: roles, removal, and the last-admin rule."""

from __future__ import annotations

import pytest

from associations.errors import AssociationError
from associations.models import Association, AssociationDecision, Membership
from associations.services.associations import (
    RESERVED_SLUGS,
    association_register,
    association_resubmit,
    association_update_profile,
)
from associations.services.staff import membership_change_role, membership_remove
from tests.factories import AssociationFactory, MembershipFactory, UserFactory
from tests.mail import send_the_hours_digests

pytestmark = pytest.mark.django_db

PROFILE = {
    "name": "Amis du Fleuve",
    "kind": "association",
    "legal_identifier": "W 123 456 789",
    "address": "1 rue de la Loire\n45000 Orléans",
    "country": "FR",
    "website": "",
    "contact_email": "contact@amis-du-fleuve.example.org",
    "description": "Coopération avec le Mali.",
    "min_volunteer_age": 18,
}


def test_registering_makes_a_pending_association_with_its_registrant_as_admin():
    user = UserFactory()
    association = association_register(by=user, **PROFILE)
    assert association.status == "pending"
    assert association.slug == "amis-du-fleuve"
    assert association.legal_identifier == "W123456789"
    assert Membership.objects.get(association=association).role == "admin"
    assert Membership.objects.get(association=association).user == user
    decision = AssociationDecision.objects.get(association=association)
    assert (decision.action, decision.to_status, decision.decided_by) == (
        "register",
        "pending",
        user,
    )


def test_registering_twice_the_same_name_gives_distinct_slugs():
    first = association_register(by=UserFactory(), **PROFILE)
    second = association_register(by=UserFactory(), **{**PROFILE, "legal_identifier": "W123456780"})
    assert first.slug != second.slug
    assert second.slug.startswith("amis-du-fleuve")


def test_a_name_that_would_take_a_reserved_address_gets_another_slug():
    association = association_register(by=UserFactory(), **{**PROFILE, "name": "Staff"})
    assert association.slug not in RESERVED_SLUGS


def test_a_minimum_age_under_18_is_refused_and_nothing_is_written():
    with pytest.raises(AssociationError):
        association_register(by=UserFactory(), **{**PROFILE, "min_volunteer_age": 17})
    assert not Association.objects.exists()


def test_admin_changes_a_members_role():
    admin = MembershipFactory(role="admin")
    editor = MembershipFactory(association=admin.association, role="editor")
    membership_change_role(membership=editor, role="admin", by=admin.user)
    editor.refresh_from_db()
    assert editor.role == "admin"


def test_an_editor_cannot_change_roles():
    admin = MembershipFactory(role="admin")
    editor = MembershipFactory(association=admin.association, role="editor")
    with pytest.raises(AssociationError):
        membership_change_role(membership=editor, role="admin", by=editor.user)
    editor.refresh_from_db()
    assert editor.role == "editor"


def test_the_last_admin_cannot_be_demoted():
    admin = MembershipFactory(role="admin")
    MembershipFactory(association=admin.association, role="editor")
    with pytest.raises(AssociationError) as error:
        membership_change_role(membership=admin, role="editor", by=admin.user)
    assert error.value.code == "last_admin"
    admin.refresh_from_db()
    assert admin.role == "admin"


def test_the_last_admin_cannot_be_removed_nor_leave():
    admin = MembershipFactory(role="admin")
    with pytest.raises(AssociationError) as error:
        membership_remove(membership=admin, by=admin.user)
    assert error.value.code == "last_admin"
    assert Membership.objects.filter(pk=admin.pk).exists()


def test_an_admin_can_step_down_when_another_admin_remains():
    admin = MembershipFactory(role="admin")
    MembershipFactory(association=admin.association, role="admin")
    membership_change_role(membership=admin, role="editor", by=admin.user)
    admin.refresh_from_db()
    assert admin.role == "editor"


def test_one_of_two_admins_can_be_removed_but_then_not_the_other():
    first = MembershipFactory(role="admin")
    second = MembershipFactory(association=first.association, role="admin")
    membership_remove(membership=second, by=first.user)
    with pytest.raises(AssociationError):
        membership_remove(membership=first, by=first.user)
    assert list(Membership.objects.values_list("pk", flat=True)) == [first.pk]


def test_an_editor_can_leave_but_not_remove_others():
    admin = MembershipFactory(role="admin")
    editor = MembershipFactory(association=admin.association, role="editor")
    other = MembershipFactory(association=admin.association, role="editor")
    with pytest.raises(AssociationError):
        membership_remove(membership=other, by=editor.user)
    membership_remove(membership=editor, by=editor.user)
    assert not Membership.objects.filter(pk=editor.pk).exists()
    assert Membership.objects.filter(pk=other.pk).exists()


def test_an_admin_of_another_association_cannot_remove_members():
    admin = MembershipFactory(role="admin")
    editor = MembershipFactory(association=admin.association, role="editor")
    outsider = MembershipFactory(association=AssociationFactory(), role="admin")
    with pytest.raises(AssociationError):
        membership_remove(membership=editor, by=outsider.user)
    assert Membership.objects.filter(pk=editor.pk).exists()


def test_an_invalid_role_is_refused():
    admin = MembershipFactory(role="admin")
    editor = MembershipFactory(association=admin.association, role="editor")
    with pytest.raises(AssociationError):
        membership_change_role(membership=editor, role="owner", by=admin.user)


def test_updating_the_profile_of_an_approved_association_cannot_change_its_identifier():
    admin = MembershipFactory(role="admin")
    with pytest.raises(AssociationError) as error:
        association_update_profile(
            association=admin.association, by=admin.user, legal_identifier="W999999999"
        )
    assert error.value.code == "locked_field"


def test_updating_the_profile_keeps_the_status_and_the_slug():
    admin = MembershipFactory(role="admin")
    slug = admin.association.slug
    association_update_profile(
        association=admin.association, by=admin.user, name="Nouveau nom", description="Neuf"
    )
    admin.association.refresh_from_db()
    assert admin.association.name == "Nouveau nom"
    assert admin.association.slug == slug
    assert admin.association.status == "approved"


def test_an_editor_cannot_update_the_profile():
    editor = MembershipFactory(role="editor")
    MembershipFactory(association=editor.association, role="admin")
    with pytest.raises(AssociationError):
        association_update_profile(association=editor.association, by=editor.user, name="Piraté")


def test_registering_tells_france_volontaires_reviewers_in_their_language(
    django_capture_on_commit_callbacks, outbox
):
    UserFactory(is_staff=True, is_superuser=True, preferred_language="en", email="fv@x.org")
    UserFactory(is_staff=True, email="no-permission@x.org")
    UserFactory(email="volunteer@x.org")
    with django_capture_on_commit_callbacks(execute=True):
        association = association_register(by=UserFactory(), **PROFILE)
    assert outbox == []  # the reviewers get the hour's registrations in one e-mail
    send_the_hours_digests()
    assert [m.to for m in outbox] == [["fv@x.org"]]
    assert outbox[0].subject == "New association to review: Amis du Fleuve"
    assert f"/admin/associations/association/{association.pk}/change/" in outbox[0].body


def test_resubmitting_tells_the_reviewers_with_the_note(django_capture_on_commit_callbacks, outbox):
    UserFactory(is_staff=True, is_superuser=True, preferred_language="fr", email="fv@x.org")
    admin = MembershipFactory(association=AssociationFactory(status="rejected"))
    with django_capture_on_commit_callbacks(execute=True):
        association_resubmit(association=admin.association, by=admin.user, note="Statuts")
    send_the_hours_digests()
    assert "a de nouveau soumis son dossier" in outbox[0].subject
    assert "Statuts" in outbox[0].body

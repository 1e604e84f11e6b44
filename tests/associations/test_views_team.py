"""The association's team pages: invitations, roles, removals, for the owner and others."""

from __future__ import annotations

import pytest

from associations.models import Membership
from associations.services.staff import invitation_create
from tests.associations.conftest import association_url
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


# --- Team --------------------------------------------------------------------------


def test_invite_sends_the_invitation(client, owner, django_capture_on_commit_callbacks, outbox):
    client.force_login(owner.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            association_url("invite", owner.association),
            {"email": "colleague@example.org", "role": "editor"},
        )
    assert response.status_code == 302
    assert owner.association.invitations.get().email == "colleague@example.org"
    assert outbox[0].to == ["colleague@example.org"]


def test_invite_with_a_bad_address_shows_the_form_again(client, owner):
    client.force_login(owner.user)
    response = client.post(
        association_url("invite", owner.association), {"email": "nope", "role": "editor"}
    )
    assert response.status_code == 400
    assert not owner.association.invitations.exists()


def test_invite_of_a_member_is_refused_in_the_form(client, owner):
    client.force_login(owner.user)
    response = client.post(
        association_url("invite", owner.association), {"email": owner.user.email, "role": "editor"}
    )
    assert response.status_code == 400
    assert "fait déjà partie" in response.content.decode()


def test_an_editor_cannot_invite(client, owner):
    editor = MembershipFactory(association=owner.association, role="editor")
    client.force_login(editor.user)
    response = client.post(
        association_url("invite", owner.association), {"email": "x@example.org", "role": "admin"}
    )
    assert response.status_code == 404
    assert not owner.association.invitations.exists()


def test_admin_promotes_an_editor(client, owner):
    editor = MembershipFactory(association=owner.association, role="editor")
    client.force_login(owner.user)
    url = association_url("member_role", owner.association, member_id=editor.pk)
    assert client.post(url, {"role": "admin"}).status_code == 302
    editor.refresh_from_db()
    assert editor.role == "admin"


def test_last_admin_demoting_themselves_is_refused_with_a_message(client, owner):
    client.force_login(owner.user)
    url = association_url("member_role", owner.association, member_id=owner.pk)
    response = client.post(url, {"role": "editor"}, follow=True)
    assert "au moins un administrateur" in response.content.decode()
    owner.refresh_from_db()
    assert owner.role == "admin"


def test_admin_removes_a_member(client, owner):
    editor = MembershipFactory(association=owner.association, role="editor")
    client.force_login(owner.user)
    client.post(association_url("member_remove", owner.association, member_id=editor.pk))
    assert not Membership.objects.filter(pk=editor.pk).exists()


def test_an_admin_cannot_touch_a_member_of_another_association(client, owner, other_staff):
    client.force_login(other_staff)
    other_association = Membership.objects.get(user=other_staff).association
    url = association_url("member_remove", other_association, member_id=owner.pk)
    assert client.post(url).status_code == 404
    url = association_url("member_role", other_association, member_id=owner.pk)
    assert client.post(url, {"role": "editor"}).status_code == 404
    assert Membership.objects.filter(pk=owner.pk, role="admin").exists()


def test_an_editor_leaves_the_team(client, owner):
    editor = MembershipFactory(association=owner.association, role="editor")
    client.force_login(editor.user)
    response = client.post(association_url("member_remove", owner.association, member_id=editor.pk))
    assert response.url == association_url("staff_home")
    assert not Membership.objects.filter(pk=editor.pk).exists()


def test_an_editor_cannot_remove_someone_else(client, owner):
    editor = MembershipFactory(association=owner.association, role="editor")
    client.force_login(editor.user)
    assert (
        client.post(
            association_url("member_remove", owner.association, member_id=owner.pk)
        ).status_code
        == 404
    )
    assert Membership.objects.filter(pk=owner.pk).exists()


def test_admin_withdraws_an_invitation(client, owner):
    invitation, _ = invitation_create(
        association=owner.association, email="x@example.org", role="editor", by=owner.user
    )
    client.force_login(owner.user)
    client.post(
        association_url("invitation_revoke", owner.association, invitation_id=invitation.pk)
    )
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_members_page_shows_the_team_and_open_invitations_to_admins(client, owner):
    editor = MembershipFactory(association=owner.association, role="editor")
    invitation_create(
        association=owner.association, email="waiting@example.org", role="editor", by=owner.user
    )
    client.force_login(owner.user)
    page = client.get(association_url("members", owner.association)).content.decode()
    assert editor.user.email in page
    assert "waiting@example.org" in page


def test_members_page_hides_invitations_from_editors(client, owner):
    editor = MembershipFactory(association=owner.association, role="editor")
    invitation_create(
        association=owner.association, email="waiting@example.org", role="editor", by=owner.user
    )
    client.force_login(editor.user)
    assert (
        "waiting@example.org"
        not in client.get(association_url("members", owner.association)).content.decode()
    )

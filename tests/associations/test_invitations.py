"""Invitations: single-use, expiring, bound to the invited address."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from associations.errors import AssociationError, InvitationError
from associations.models import Invitation, Membership
from associations.services.staff import invitation_accept, invitation_create, invitation_revoke
from tests.factories import PASSWORD, MembershipFactory, UserFactory
from tests.mail import committed

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db):
    return MembershipFactory(role="admin")


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """Invites like the members page does; the e-mail leaves once the invitation is committed."""

    def _invite(admin, email="new.colleague@example.org", role="editor"):
        with django_capture_on_commit_callbacks(execute=True):
            return invitation_create(
                association=admin.association, email=email, role=role, by=admin.user
            )

    return _invite


def _url(token):
    return reverse("associations:invitation", kwargs={"token": token})


def test_inviting_sends_an_email_with_a_working_link(invite, admin, outbox):
    invitation, token = invite(admin)
    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == ["new.colleague@example.org"]
    assert _url(token) in message.body
    assert _url(token) in message.alternatives[0][0]
    assert admin.association.name in message.subject
    assert invitation.token_hash != token


def test_invitation_email_is_in_the_invitees_language_when_they_have_an_account(
    invite, admin, outbox
):
    UserFactory(email="anglophone@example.org", preferred_language="en")
    invite(admin, email="anglophone@example.org")
    assert "Join the team of" in outbox[0].subject


def test_invitation_email_is_in_the_inviters_language_otherwise(invite, admin, outbox):
    invite(admin)
    assert "Rejoignez l’équipe" in outbox[0].subject or "Rejoignez l'équipe" in outbox[0].subject


def test_accepting_creates_the_membership_with_the_invited_role(invite, admin):
    _, token = invite(admin, role="admin")
    user = UserFactory(email="new.colleague@example.org")
    membership = invitation_accept(token=token, user=user)
    assert membership.association == admin.association
    assert membership.role == "admin"
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None


def test_the_address_is_compared_without_case(invite, admin):
    _, token = invite(admin, email="Mixed.Case@Example.org")
    user = UserFactory(email="mixed.case@example.org")
    assert invitation_accept(token=token, user=user).user == user


def test_an_invitation_cannot_be_used_twice(invite, admin):
    _, token = invite(admin)
    user = UserFactory(email="new.colleague@example.org")
    invitation_accept(token=token, user=user)
    with pytest.raises(InvitationError) as error:
        invitation_accept(token=token, user=user)
    assert error.value.code == "used"


def test_an_expired_invitation_is_refused(invite, admin):
    invitation, token = invite(admin)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    user = UserFactory(email="new.colleague@example.org")
    with pytest.raises(InvitationError) as error:
        invitation_accept(token=token, user=user)
    assert error.value.code == "expired"
    assert not Membership.objects.filter(user=user).exists()


def test_an_invitation_expires_after_seven_days(invite, admin):
    invitation, _ = invite(admin)
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)


def test_another_person_cannot_accept_it(invite, admin):
    _, token = invite(admin)
    intruder = UserFactory(email="someone.else@example.org")
    with pytest.raises(InvitationError) as error:
        invitation_accept(token=token, user=intruder)
    assert error.value.code == "wrong_user"
    assert "new.colleague@example.org" in error.value.message
    assert not Membership.objects.filter(user=intruder).exists()
    assert Invitation.objects.get().accepted_at is None


def test_a_withdrawn_invitation_is_refused(invite, admin):
    invitation, token = invite(admin)
    invitation_revoke(invitation=invitation, by=admin.user)
    with pytest.raises(InvitationError) as error:
        invitation_accept(token=token, user=UserFactory(email="new.colleague@example.org"))
    assert error.value.code == "revoked"


def test_inviting_again_replaces_the_previous_link(invite, admin):
    _, first = invite(admin)
    _, second = invite(admin)
    user = UserFactory(email="new.colleague@example.org")
    with pytest.raises(InvitationError):
        invitation_accept(token=first, user=user)
    assert invitation_accept(token=second, user=user).user == user


def test_inviting_a_member_is_refused(invite, admin):
    with pytest.raises(AssociationError) as error:
        invite(admin, email=admin.user.email.upper())
    assert error.value.code == "already_member"


def test_an_editor_cannot_invite(admin):
    editor = MembershipFactory(association=admin.association, role="editor")
    with pytest.raises(AssociationError):
        invitation_create(
            association=admin.association, email="x@example.org", role="editor", by=editor.user
        )
    assert not Invitation.objects.exists()


def test_an_unknown_token_is_refused():
    with pytest.raises(InvitationError):
        invitation_accept(token="nope", user=UserFactory())


# --- The link's page -------------------------------------------------------------


def test_link_page_asks_an_anonymous_person_to_log_in_or_sign_up_and_come_back(
    invite, client, admin
):
    _, token = invite(admin)
    response = client.get(_url(token))
    page = response.content.decode()
    assert response.status_code == 200
    assert f"{reverse('account_login')}?next={_url(token)}" in page
    assert f"{reverse('account_signup')}?next={_url(token)}" in page


def test_anonymous_post_on_the_link_goes_to_login(invite, client, admin):
    _, token = invite(admin)
    response = client.post(_url(token))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not Membership.objects.filter(association=admin.association, role="editor").exists()


def test_invited_person_accepts_from_the_link(invite, client, admin):
    _, token = invite(admin)
    user = UserFactory(email="new.colleague@example.org")
    client.force_login(user)
    assert client.get(_url(token)).status_code == 200
    response = client.post(_url(token))
    assert response.status_code == 302
    assert response.url == reverse("associations:manage", kwargs={"slug": admin.association.slug})
    assert Membership.objects.filter(user=user, association=admin.association).exists()


def test_link_page_refuses_another_signed_in_person_with_a_clear_message(invite, client, admin):
    _, token = invite(admin)
    client.force_login(UserFactory(email="intruder@example.org", preferred_language="en"))
    response = client.post(_url(token), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "new.colleague@example.org" in response.content.decode()
    assert not Membership.objects.filter(user__email="intruder@example.org").exists()


def test_link_page_says_a_used_invitation_was_used(invite, client, admin):
    _, token = invite(admin)
    user = UserFactory(email="new.colleague@example.org")
    invitation_accept(token=token, user=user)
    client.force_login(user)
    response = client.get(_url(token))
    assert response.status_code == 410
    assert "déjà été utilisée" in response.content.decode()


def test_link_page_says_an_expired_invitation_expired(invite, client, admin):
    invitation, token = invite(admin)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    response = client.get(_url(token))
    assert response.status_code == 410
    assert "expiré" in response.content.decode()


def test_unknown_link_is_404(client):
    assert client.get(_url("not-a-token")).status_code == 404


def test_sign_up_first_then_come_back_to_accept(invite, client, admin, outbox):
    """No account yet: sign up from the link, confirm the address, land back on the link."""
    _, token = invite(admin)
    outbox.clear()
    signup = f"{reverse('account_signup')}?next={_url(token)}"
    with committed():
        response = client.post(
            signup,
            {
                "full_name": "Nouvelle Collègue",
                "email": "new.colleague@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "next": _url(token),
            },
        )
    assert response.status_code == 302
    confirm_url = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", outbox[-1].body)
    assert confirm_url, outbox[-1].body
    path = "/" + confirm_url.group(0).split("/", 3)[3]
    response = client.post(path)
    assert response.status_code == 302
    assert response.url == _url(token)
    response = client.post(_url(token))
    assert response.status_code == 302
    assert Membership.objects.filter(
        user__email="new.colleague@example.org", association=admin.association
    ).exists()

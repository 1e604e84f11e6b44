"""An association's staff: roles, removals and invitations (the last admin always stays)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _

from vsi_portal.accounts.addresses import normalise_email
from vsi_portal.outbox.services import outbox_write

from .. import emails
from ..errors import AssociationError, InvitationError
from ..models import Association, Invitation, Membership
from .associations import lock_person, require_admin

Role = Membership.Role

# Limits on invitations, each e-mailing an address the inviter chooses: at most this many
# waiting to be accepted per association, and sent per person in an hour.
PENDING_INVITATIONS_PER_ASSOCIATION = 20
INVITATIONS_PER_HOUR_PER_PERSON = 10
INVITATION_RATE_WINDOW = timedelta(hours=1)


# --- Staff ---------------------------------------------------------------------


def _lock_admin_ids(association_id: int) -> list[int]:
    """Locks the association's admin memberships, so two concurrent removals cannot both pass."""
    return list(
        Membership.objects.select_for_update()
        .filter(association_id=association_id, role=Role.ADMIN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, by) -> Membership:
    if role not in Role.values:
        raise AssociationError(_("Choose a valid role."), code="invalid_role")
    require_admin(membership.association, by)
    admin_ids = _lock_admin_ids(membership.association_id)
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.role == role:
        return locked
    if locked.role == Role.ADMIN and admin_ids == [locked.pk]:
        raise AssociationError(
            _(
                "The association needs at least one administrator: name another one "
                "before changing this role."
            ),
            code="last_admin",
        )
    locked.role = role
    locked.save(update_fields=["role"])
    membership.refresh_from_db()
    return locked


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> None:
    """An admin removes a member, or a member leaves; the last admin can do neither."""
    if membership.user_id != by.pk:
        require_admin(membership.association, by)
    admin_ids = _lock_admin_ids(membership.association_id)
    locked = Membership.objects.select_for_update().filter(pk=membership.pk).first()
    if locked is None:
        return
    if locked.role == Role.ADMIN and admin_ids == [locked.pk]:
        raise AssociationError(
            _(
                "The association needs at least one administrator: name another one "
                "before removing this one."
            ),
            code="last_admin",
        )
    locked.delete()


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_by_token(token: str) -> Invitation | None:
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("association", "invited_by")
        .filter(token_hash=_hash_token(token))
        .first()
    )


def _check_invitation_limits(association: Association, *, email: str, by, now) -> None:
    """Refuses an invitation past the limits; the caller holds the person's and the
    association's row locks, so two invitations sent together are counted in turn."""
    if association.status != Association.Status.APPROVED:
        raise AssociationError(
            _("Your association can invite colleagues once France Volontaires has approved it."),
            code="not_approved",
        )
    waiting = association.invitations.open(now=now).exclude(email=email).count()
    if waiting >= PENDING_INVITATIONS_PER_ASSOCIATION:
        raise AssociationError(
            _(
                "%(count)s invitations of your association are waiting to be accepted, the "
                "most there can be: withdraw one, or wait until one is accepted or expires."
            )
            % {"count": PENDING_INVITATIONS_PER_ASSOCIATION},
            code="too_many_pending",
        )
    sent = list(
        Invitation.objects.filter(invited_by=by, created_at__gt=now - INVITATION_RATE_WINDOW)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:INVITATIONS_PER_HOUR_PER_PERSON]
    )
    if len(sent) >= INVITATIONS_PER_HOUR_PER_PERSON:
        next_at = sent[-1] + INVITATION_RATE_WINDOW
        raise AssociationError(
            _(
                "You sent %(count)s invitations within the last hour, the most there can be. "
                "You can send the next one in %(wait)s."
            )
            % {"count": INVITATIONS_PER_HOUR_PER_PERSON, "wait": timeuntil(next_at, now)},
            code="too_many_sent",
        )


@transaction.atomic
def invitation_create(
    *, association: Association, email: str, role: str, by, now=None
) -> tuple[Invitation, str]:
    """An admin of an approved association invites an e-mail address; returns the
    invitation and its secret token.

    An open invitation to the same address is replaced (its link stops working). At most
    `PENDING_INVITATIONS_PER_ASSOCIATION` wait at once, and one person sends at most
    `INVITATIONS_PER_HOUR_PER_PERSON` in an hour.
    """
    require_admin(association, by)
    if role not in Role.values:
        raise AssociationError(_("Choose a valid role."), code="invalid_role")
    email = normalise_email(email)
    now = now or timezone.now()
    lock_person(by)
    association = Association.objects.select_for_update().get(pk=association.pk)
    _check_invitation_limits(association, email=email, by=by, now=now)
    if Membership.objects.filter(association=association, user__email=email).exists():
        raise AssociationError(
            _("%(email)s is already on the association's staff.") % {"email": email},
            code="already_member",
        )
    association.invitations.open(now=now).filter(email=email).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        association=association,
        email=email,
        role=role,
        token_hash=_hash_token(token),
        invited_by=by,
        created_at=now,
        expires_at=now + timedelta(days=Invitation.VALIDITY_DAYS),
    )
    outbox_write(emails=[emails.invitation_email(invitation, token=token)])
    return invitation, token


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by) -> None:
    require_admin(invitation.association, by)
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is None and locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])


def invitation_problem(invitation: Invitation, user, *, now=None) -> InvitationError | None:
    """Why this person cannot accept this invitation now, or None."""
    now = now or timezone.now()
    if invitation.accepted_at is not None:
        return InvitationError(_("This invitation has already been used."), code="used")
    if invitation.revoked_at is not None:
        return InvitationError(
            _("This invitation was withdrawn by the association."), code="revoked"
        )
    if invitation.expires_at <= now:
        return InvitationError(
            _("This invitation has expired. Ask the association to send you a new one."),
            code="expired",
        )
    if user is not None and normalise_email(user.email) != normalise_email(invitation.email):
        return InvitationError(
            _(
                "This invitation was sent to %(email)s, and you are signed in with another "
                "address. Log out, then open the link again and sign in (or sign up) with "
                "%(email)s."
            )
            % {"email": invitation.email},
            code="wrong_user",
        )
    return None


@transaction.atomic
def invitation_accept(*, token: str, user) -> Membership:
    """The invited person joins the staff; the link then stops working."""
    found = invitation_by_token(token)
    if found is None:
        raise InvitationError(_("This invitation link is not valid."), code="unknown")
    invitation = Invitation.objects.select_for_update().get(pk=found.pk)
    problem = invitation_problem(invitation, user)
    if problem is not None:
        raise problem
    membership, _created = Membership.objects.get_or_create(
        user=user, association_id=invitation.association_id, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership

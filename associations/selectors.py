"""Reads about associations, scoped to who asks."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, QuerySet

from vsi_portal.accounts.addresses import normalise_email

from .models import Association, AssociationDecision, AssociationDocument, Invitation, Membership


def association_can_recruit(association: Association, *, on: date) -> bool:
    """Whether the association may take new applications and sign new contracts on that day.

    Only an approved association whose ministry approval still runs may (rule R5).
    Suspension stops new applications and contracts; contracts already running continue,
    so callers check this before creating one, never to end one.
    """
    return association.is_approved_on(on)


def memberships_for_staff_home(user) -> QuerySet[Membership]:
    """The signed-in person's memberships with their association and its decisions, newest
    first (the staff home shows where each file stands and why)."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user)
        .select_related("association")
        .prefetch_related(
            Prefetch(
                "association__decisions",
                queryset=AssociationDecision.objects.order_by("-decided_at", "-pk"),
            )
        )
        .order_by("association__name", "pk")
    )


def invitations_waiting_for(user) -> QuerySet[Invitation]:
    """Open invitations sent to the signed-in person's address."""
    if not user.is_authenticated or not user.email:
        return Invitation.objects.none()
    return (
        Invitation.objects.open()
        .filter(email=normalise_email(user.email))
        .select_related("association")
    )


def membership_of(user, association: Association) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, association=association).first()


def association_visible_to(user, slug: str) -> Association | None:
    """The association whose public page this person may open: approved ones to everyone,
    others only to their own staff and to France Volontaires."""
    association = Association.objects.filter(slug=slug).first()
    if association is None:
        return None
    if association.is_approved:
        return association
    if user.is_authenticated and (
        user.is_staff or association.memberships.filter(user=user).exists()
    ):
        return association
    return None


def association_decisions(association: Association) -> QuerySet[AssociationDecision]:
    return association.decisions.select_related("decided_by").order_by("-decided_at", "-pk")


def latest_reasoned_decision(association: Association) -> AssociationDecision | None:
    """The decision that explains the current status (rejection or suspension reason)."""
    return (
        association.decisions.filter(to_status=association.status)
        .exclude(reason="")
        .order_by("-decided_at", "-pk")
        .first()
    )


def members_of(association: Association) -> QuerySet[Membership]:
    return (
        association.memberships.select_related("user")
        .order_by("role", "user__full_name", "pk")
        .only("pk", "role", "created_at", "association_id", "user__full_name", "user__email")
    )


def open_invitations(association: Association) -> QuerySet[Invitation]:
    return association.invitations.open().select_related("invited_by").order_by("-created_at")


def file_documents(association: Association) -> list[dict]:
    """Each kind of document of the association's file, with the one on file or None (the
    pages list what is missing too)."""
    on_file = {document.kind: document for document in association.documents.all()}
    return [
        {"kind": kind, "label": label, "document": on_file.get(kind)}
        for kind, label in AssociationDocument.Kind.choices
    ]

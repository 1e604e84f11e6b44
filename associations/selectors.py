"""Reads about associations, scoped to who asks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

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


@dataclass(frozen=True)
class QueueEntry:
    """One file in France Volontaires' review queue."""

    association: Association
    submitted_on: date | None
    days_waiting: int | None
    resubmitted: bool
    approval_decision_attached: bool


def review_queue(*, today: date, limit: int = 50) -> tuple[list[QueueEntry], int]:
    """The pending files, the longest waiting first (since their last submission), at most
    `limit` of them, and how many are pending in all. Two queries."""
    pending = Association.objects.pending()
    rows = (
        pending.with_submission()
        .annotate(
            approval_decision_attached=Exists(
                AssociationDocument.objects.filter(
                    association=OuterRef("pk"),
                    kind=AssociationDocument.Kind.APPROVAL_DECISION,
                )
            )
        )
        .order_by("submitted_at", "created_at", "pk")[:limit]
    )
    entries = []
    for association in rows:
        submitted_on = (
            timezone.localdate(association.submitted_at) if association.submitted_at else None
        )
        entries.append(
            QueueEntry(
                association=association,
                submitted_on=submitted_on,
                days_waiting=(today - submitted_on).days if submitted_on else None,
                resubmitted=association.resubmitted,
                approval_decision_attached=association.approval_decision_attached,
            )
        )
    return entries, pending.count()


def approvals_expiring(*, today: date, within_days: int = 90) -> QuerySet[Association]:
    """Approved or suspended associations whose ministry approval ends within the window,
    the soonest first."""
    return Association.objects.approval_expiring(today=today, within_days=within_days).order_by(
        "approval_expires_on", "name"
    )

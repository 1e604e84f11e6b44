"""Reads about applications, scoped to who asks: the volunteer's own, the staff's; and who
may read a volunteer's documents (the staff of the associations they applied to)."""

from __future__ import annotations

from django.db.models import (
    Count,
    Prefetch,
    QuerySet,
)

from associations.models import Membership
from volunteers.models import Document

from ..models import Application, ApplicationEvent, Contract, Mission


def applications_of_user(user) -> QuerySet[Application]:
    """The signed-in person's applications, newest first, with mission, history and contract.

    Two queries whatever the number of rows: the applications (with mission, association
    and contract joined), then their events (with who made them joined).
    """
    return (
        Application.objects.of_user(user)
        .select_related("mission__association", "contract")
        .prefetch_related(
            Prefetch("events", queryset=ApplicationEvent.objects.select_related("by"))
        )
        .order_by("-submitted_at", "-pk")
    )


def application_for_owner(user, pk: int) -> Application | None:
    return applications_of_user(user).filter(pk=pk).first()


def applications_for_mission(mission: Mission, *, status: str = "") -> QuerySet[Application]:
    """A mission's applications for its staff, oldest first, with the applicant's account."""
    applications = (
        Application.objects.filter(mission=mission)
        .select_related("volunteer__user", "contract")
        .order_by("submitted_at", "pk")
    )
    if status:
        applications = applications.filter(status=status)
    return applications


def application_counts(mission: Mission) -> dict[str, int]:
    """How many applications the mission has in each status (every status present, one query)."""
    counts = dict.fromkeys(Application.Status.values, 0)
    rows = (
        Application.objects.filter(mission=mission)
        .order_by()
        .values_list("status")
        .annotate(total=Count("pk"))
    )
    for status, total in rows:
        counts[status] = total
    return counts


def application_for_staff(user, pk: int) -> Application | None:
    """An application to a mission of one of the user's associations, else None."""
    return (
        Application.objects.for_member(user)
        .filter(pk=pk)
        .select_related("mission__association", "volunteer__user", "contract")
        .prefetch_related(
            Prefetch("events", queryset=ApplicationEvent.objects.select_related("by")),
            "volunteer__prior_missions",
            "volunteer__languages",
            "mission__languages",
        )
        .distinct()
        .first()
    )


# --- Who may read a volunteer's documents ------------------------------------------------


def _staff_of_applied_association(document: Document, user) -> bool:
    """Whether `user` is on the staff of an association whose mission the volunteer applied to.

    Any application, whatever its status: staff may look back at the CV of a person they
    reviewed.
    """
    return Application.objects.filter(
        volunteer_id=document.volunteer_id,
        mission__association__memberships__user=user,
    ).exists()


def _admin_of_contract_association(document: Document, user) -> bool:
    """Whether `user` is an administrator of an association holding a planned or running
    contract with the volunteer: they check the extract before the departure (R12). Editors
    do not (docs/security.md, the role matrix)."""
    return (
        Contract.objects.running()
        .filter(
            volunteer_id=document.volunteer_id,
            association__memberships__user=user,
            association__memberships__role=Membership.Role.ADMIN,
        )
        .exists()
    )


def document_viewable_by(document: Document, user) -> bool:
    """Whether `user` may download `document` (the only gate of the download view).

    The owner always; a CV also for the staff (admins and editors) of an association the
    volunteer applied to; a criminal record extract also for the administrators (not the
    editors) of the association holding the volunteer's planned or running contract. Nobody
    else, not even France Volontaires admins through this view.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if document.volunteer.user_id == user.pk:
        return True
    if document.kind == Document.Kind.CV:
        return _staff_of_applied_association(document, user)
    if document.kind == Document.Kind.CRIMINAL_RECORD:
        return _admin_of_contract_association(document, user)
    return False

"""Every write on volunteers' data: profile, prior missions, documents."""

from __future__ import annotations

from typing import Any

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vsi_portal.security.models import AuditEvent
from vsi_portal.security.services import audit_record

from .errors import VolunteerError
from .models import Document, PriorMission, Volunteer
from .uploads import inspect_upload

PROFILE_FIELDS = (
    "birth_date",
    "nationalities",
    "residence",
    "employed",
    "leave_kind",
    "leave_start",
    "leave_end",
    "other_activity",
    "public_official",
    "skills",
    "domains_of_interest",
    "countries_of_interest",
    "available_from",
    "presentation",
)


def _delete_file_on_commit(storage, name: str) -> None:
    """Removes a stored file once the transaction that forgot it has committed.

    A rolled-back transaction keeps its row and, so, its file.
    """
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# --- Profile -----------------------------------------------------------------------------


@transaction.atomic
def volunteer_get_or_create(*, user) -> Volunteer:
    """The person's volunteer profile, created empty on first need."""
    volunteer, _created = Volunteer.objects.get_or_create(user=user)
    return volunteer


@transaction.atomic
def volunteer_update_profile(*, user, data: dict[str, Any]) -> Volunteer:
    """Saves the facts of the profile form (its cleaned data), creating the profile if needed.

    Without employment there is no leave; without a leave kind there are no leave dates.
    """
    volunteer = volunteer_get_or_create(user=user)
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(volunteer, name, data[name])
    if not volunteer.employed:
        volunteer.leave_kind = Volunteer.LeaveKind.NONE
    if not volunteer.leave_kind:
        volunteer.leave_start = volunteer.leave_end = None
    if (
        volunteer.leave_start
        and volunteer.leave_end
        and volunteer.leave_end < volunteer.leave_start
    ):
        raise VolunteerError(_("The leave must end on or after the day it starts."))
    volunteer.domains_of_interest = list(volunteer.domains_of_interest or [])
    volunteer.save()
    if "languages" in data:
        volunteer.languages.set(data["languages"])
    return volunteer


# --- Prior missions ----------------------------------------------------------------------


def _check_prior_dates(start_on, end_on) -> None:
    if end_on < start_on:
        raise VolunteerError(_("The mission must end on or after the day it starts."))
    if start_on > timezone.localdate():
        raise VolunteerError(_("A prior mission must have started already."))


@transaction.atomic
def prior_mission_create(
    *, volunteer: Volunteer, association_name: str, country: str, start_on, end_on
) -> PriorMission:
    """Declares a VSI mission served outside the portal (it counts toward the 6-year cap).

    Overlapping declared missions are accepted (the ledger counts shared days once); the
    pages warn about them.
    """
    _check_prior_dates(start_on, end_on)
    return PriorMission.objects.create(
        volunteer=volunteer,
        association_name=association_name.strip(),
        country=country,
        start_on=start_on,
        end_on=end_on,
    )


@transaction.atomic
def prior_mission_update(
    *, prior_mission: PriorMission, association_name: str, country: str, start_on, end_on
) -> PriorMission:
    _check_prior_dates(start_on, end_on)
    prior_mission.association_name = association_name.strip()
    prior_mission.country = country
    prior_mission.start_on = start_on
    prior_mission.end_on = end_on
    prior_mission.save()
    return prior_mission


@transaction.atomic
def prior_mission_delete(*, prior_mission: PriorMission) -> None:
    prior_mission.delete()


# --- Documents ---------------------------------------------------------------------------


@transaction.atomic
def document_upload(*, volunteer: Volunteer, kind: str, upload) -> Document:
    """Stores a CV or criminal record extract, replacing (and deleting) the previous one.

    The content is checked again here (`inspect_upload`), whatever the form did. The file is
    saved under a random name; the person's file name is kept only to name the download. A
    new criminal record extract starts unchecked.
    """
    if kind not in Document.Kind.values:
        raise VolunteerError(_("Choose the kind of document."))
    detected, original_name = inspect_upload(upload)
    document = Document.objects.select_for_update().filter(
        volunteer=volunteer, kind=kind
    ).first() or Document(volunteer=volunteer, kind=kind)
    old_name = document.file.name if document.file else ""
    storage = document.file.storage
    document.original_name = original_name
    document.content_type = detected.content_type
    document.size = upload.size
    document.uploaded_at = timezone.now()
    document.checked_at = None
    document.checked_by = None
    document.outcome = ""
    upload.seek(0)
    document.file.save(f"upload{detected.extension}", File(upload), save=False)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        # Another upload of the same kind won the race: keep that one.
        storage.delete(document.file.name)
        raise VolunteerError(
            _("Another upload of this document was in progress. Check the page and try again.")
        ) from None
    except Exception:
        # The row was not written: do not leave its new file behind.
        storage.delete(document.file.name)
        raise
    _delete_file_on_commit(storage, old_name)
    return document


@transaction.atomic
def document_delete(*, document: Document) -> None:
    """Removes a document and its file (the person withdraws it)."""
    name = document.file.name if document.file else ""
    storage = document.file.storage
    document.delete()
    _delete_file_on_commit(storage, name)


@transaction.atomic
def criminal_record_mark_checked(
    *, document: Document, by, outcome: str, expected_uploaded_at=None
) -> Document:
    """Records that staff checked a criminal record extract, then deletes its file.

    Only who checked it, when, and the outcome remain. The staff page that calls this comes
    with the contracts (departure checklist); it must first make sure `by` may see the
    document (`selectors.document_viewable_by`). With `expected_uploaded_at` (the upload the
    checker downloaded), a file replaced since is refused: nobody read it.
    """
    if document.kind != Document.Kind.CRIMINAL_RECORD:
        raise VolunteerError(_("Only a criminal record extract is checked."))
    if outcome not in Document.Outcome.values:
        raise VolunteerError(_("Choose the outcome of the check."))
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.is_checked:
        raise VolunteerError(_("This criminal record extract has already been checked."))
    if expected_uploaded_at is not None and document.uploaded_at != expected_uploaded_at:
        raise VolunteerError(
            _(
                "The volunteer sent a new extract since you opened this page: download it and "
                "check it before recording the check."
            )
        )
    name = document.file.name if document.file else ""
    storage = document.file.storage
    document.checked_at = timezone.now()
    document.checked_by = by
    document.outcome = outcome
    document.file = ""
    document.save(update_fields=["checked_at", "checked_by", "outcome", "file"])
    _delete_file_on_commit(storage, name)
    audit_record(
        actor=by,
        action=AuditEvent.Action.CRIMINAL_RECORD_CHECKED,
        subject=document,
        details={"outcome": outcome},
    )
    return document

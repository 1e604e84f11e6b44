"""Every write on volunteers' data: profile, prior missions, documents, account deletion."""

from __future__ import annotations

import uuid
from typing import Any

from allauth.account.models import EmailAddress
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from missions.models import Application, ApplicationEvent, Contract
from vsi_portal.security.models import AuditEvent
from vsi_portal.security.services import audit_record

from .errors import AccountDeletionRefused, VolunteerError
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

DELETED_FULL_NAME = "Deleted account"


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
def criminal_record_mark_checked(*, document: Document, by, outcome: str) -> Document:
    """Records that staff checked a criminal record extract, then deletes its file.

    Only who checked it, when, and the outcome remain. The staff page that calls this comes
    with the contracts (departure checklist); it must first make sure `by` may see the
    document (`selectors.document_viewable_by`).
    """
    if document.kind != Document.Kind.CRIMINAL_RECORD:
        raise VolunteerError(_("Only a criminal record extract is checked."))
    if outcome not in Document.Outcome.values:
        raise VolunteerError(_("Choose the outcome of the check."))
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.is_checked:
        raise VolunteerError(_("This criminal record extract has already been checked."))
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


# --- Account -----------------------------------------------------------------------------


def _detach_applications_and_contracts(*, volunteer: Volunteer, user) -> None:
    """Closes and anonymises the volunteer's applications and contracts before the deletion.

    The associations must keep these records (who they took, for how long, at what
    allowance), so the rows stay; what is personal goes:

    - applications still under review are withdrawn (reason "other", with an event by the
      person, and the usual e-mail to the association's staff) so that no association is
      left waiting for a person who is gone;
    - every application loses its motivation (the person's own words), and the messages
      the person wrote in its history are blanked; statuses, dates and reason codes stay;
    - every contract loses its free-text end explanation (it may describe the person's
      health or family); dates, allowance, country, checklist dates, codes and the
      certificate number stay;
    - deleting the profile then sets `volunteer` to NULL on both (on_delete=SET_NULL).

    Plain ORM updates, not the applications service: the withdrawal rules there are for a
    volunteer's choice (an account being erased cannot be refused), and the account
    deletion service owns the anonymisation, in its one transaction.
    """
    from missions.tasks import send_application_email  # the tasks import missions' services

    now = timezone.now()
    open_applications = list(
        Application.objects.select_for_update()
        .filter(volunteer=volunteer, status__in=Application.ACTIVE_STATUSES)
        .order_by("pk")
    )
    for application in open_applications:
        event = ApplicationEvent.objects.create(
            application=application,
            from_status=application.status,
            to_status=Application.Status.WITHDRAWN,
            by=user,
            at=now,
            reason=Application.WithdrawalReason.OTHER,
        )
        send_application_email.delay_on_commit(event.pk)
    Application.objects.filter(pk__in=[a.pk for a in open_applications]).update(
        status=Application.Status.WITHDRAWN,
        withdrawal_reason=Application.WithdrawalReason.OTHER,
        decided_at=now,
        updated_at=now,
    )
    Application.objects.filter(volunteer=volunteer).update(motivation="", updated_at=now)
    ApplicationEvent.objects.filter(application__volunteer=volunteer, by=user).update(message="")
    Contract.objects.filter(volunteer=volunteer).update(end_explanation="", updated_at=now)


@transaction.atomic
def account_delete(*, user) -> None:
    """Deletes a person's data and anonymises their account (the right to erasure).

    Deleted: their documents (rows, and files once the transaction commits), their
    volunteer profile with prior missions and saved missions, their e-mail addresses.
    Kept, anonymised: the `User` row itself, with a unique undeliverable e-mail, the name
    "Deleted account", an unusable password and `is_active=False`, so that records the
    associations must keep stay valid; and their applications and contracts
    (`_detach_applications_and_contracts`), which lose every link to the person.

    Refused while the person is on an association's staff: a colleague removes them first,
    so that no association loses its last administrator by surprise.
    """
    if user.memberships.exists():
        raise AccountDeletionRefused(
            _(
                "You are on the staff of an association. Ask a colleague to remove you from "
                "its staff, then delete your account."
            )
        )
    volunteer = Volunteer.objects.filter(user=user).first()
    if volunteer is not None:
        _detach_applications_and_contracts(volunteer=volunteer, user=user)
        for document in Document.objects.filter(volunteer=volunteer):
            document_delete(document=document)
        volunteer.delete()
    EmailAddress.objects.filter(user=user).delete()
    user.email = f"deleted-{uuid.uuid4().hex}@invalid"
    user.full_name = DELETED_FULL_NAME
    user.set_unusable_password()
    user.is_active = False
    user.save(update_fields=["email", "full_name", "password", "is_active"])

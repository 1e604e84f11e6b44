"""Every write on volunteers' data: profile, prior missions, documents."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vsi_portal.eligibility import Contract as RulesContract
from vsi_portal.eligibility import Reason, contract_reasons
from vsi_portal.entitlements import add_months, age_on, contract_last_day
from vsi_portal.formats import format_day
from vsi_portal.geography import is_country_code
from vsi_portal.security.models import AuditEvent
from vsi_portal.security.services import audit_record
from vsi_portal.uploads import UploadRaced, delete_file_on_commit, save_upload_replacing

from .errors import VolunteerError
from .models import Document, PriorMission, Volunteer, phone_validator
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
    "phone",
)


# --- Profile -----------------------------------------------------------------------------

# *Choice*: the ages a profile's birth date may give today. A VSI is signed from 18 (R1), and
# one may apply before (a mission starts months later); younger, or older than 100, the date
# is taken for a typo.
YOUNGEST_PROFILE_AGE = 16
OLDEST_PROFILE_AGE = 100


def birth_date_problem(birth_date: date | None, *, today: date) -> str | None:
    """What is wrong with a birth date typed today, in words, or None."""
    if birth_date is None:
        return None
    if birth_date >= today:
        return str(_("Your birth date must be in the past."))
    age = age_on(birth_date, today)
    if age < YOUNGEST_PROFILE_AGE:
        return str(
            _(
                "You must be %(age)s or older to fill in a profile: a VSI contract is signed "
                "from 18."
            )
            % {"age": YOUNGEST_PROFILE_AGE}
        )
    if age > OLDEST_PROFILE_AGE:
        # The earliest birth date of someone OLDEST_PROFILE_AGE today: born the day after.
        earliest = add_months(today, -12 * (OLDEST_PROFILE_AGE + 1)) + timedelta(days=1)
        return str(
            _(
                "Check the year of your birth date: a volunteer is %(oldest)s at most, born "
                "on %(earliest)s or later."
            )
            % {"oldest": OLDEST_PROFILE_AGE, "earliest": format_day(earliest)}
        )
    return None


@transaction.atomic
def volunteer_get_or_create(*, user) -> Volunteer:
    """The person's volunteer profile, created empty on first need."""
    volunteer, _created = Volunteer.objects.get_or_create(user=user)
    return volunteer


def volunteer_lock(*, volunteer_id: int) -> None:
    """Lock the volunteer's row until the caller's transaction ends.

    Signing a contract calls it before judging the volunteer (missions' ``contract_create``):
    two associations signing for the same person at the same moment take turns, and the
    second one's rules then see the first one's contract (one contract at a time; the
    exclusion constraint ``contract_no_overlap_per_volunteer`` stands behind, on
    PostgreSQL). ``NO KEY UPDATE``: rows that merely refer to the volunteer are not held up.
    A service that would move a contract's dates later must call it too.
    """
    Volunteer.objects.select_for_update(no_key=True).only("pk").get(pk=volunteer_id)


@transaction.atomic
def volunteer_update_profile(*, user, data: dict[str, Any]) -> Volunteer:
    """Saves the facts of the profile form (its cleaned data), creating the profile if needed.

    Without employment there is no leave; without a leave kind there are no leave dates.
    """
    if "birth_date" in data:
        problem = birth_date_problem(data["birth_date"], today=timezone.localdate())
        if problem:
            raise VolunteerError(problem)
    if "phone" in data:
        data = {**data, "phone": _checked_phone(data["phone"])}
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


def _checked_phone(phone: str | None) -> str:
    """The phone number without its outer spaces ("" for none), or VolunteerError."""
    phone = (phone or "").strip()
    if phone:
        try:
            phone_validator(phone)
        except ValidationError as error:
            raise VolunteerError(error.messages[0]) from None
    return phone


# --- Prior missions ----------------------------------------------------------------------


def prior_mission_problems(
    *, country: str, start_on: date, end_on: date, today: date
) -> dict[str, list[str]]:
    """What is wrong with a declared VSI mission, by field (empty when it may be saved).

    Started already, ending after it started, and a VSI as the rules' mission-only checks
    see one (``eligibility.contract_reasons``): outside the EU and the EEA but for France
    (R8), at most 2 years long (R10). *Choice*: the rules that depend on the person then
    (nationality, residence, reciprocity in France) are not checked: the portal knows the
    person's facts of today only.
    """
    problems: dict[str, list[str]] = {}
    if start_on > today:
        problems["start_on"] = [str(_("A prior mission must have started already."))]
    if end_on < start_on:
        problems["end_on"] = [str(_("The mission must end on or after the day it starts."))]
        return problems
    country = str(country or "")
    if not is_country_code(country):
        return problems
    reasons = contract_reasons(RulesContract(country=country, start=start_on, end=end_on))
    if Reason.EU_EEA_DESTINATION in reasons:
        problems["country"] = [
            str(
                _(
                    "A VSI takes place outside the European Union and the European Economic "
                    "Area (France and its territories aside): a mission there was not a VSI "
                    "and does not count here."
                )
            )
        ]
    if Reason.CONTRACT_OVER_2_YEARS in reasons:
        problems.setdefault("end_on", []).append(
            str(
                _(
                    "A VSI contract lasts at most 2 years: for a mission started on %(start)s, "
                    "the last day was %(last_day)s at the latest. Declare each contract of a "
                    "longer stay on its own."
                )
                % {
                    "start": format_day(start_on),
                    "last_day": format_day(contract_last_day(start_on)),
                }
            )
        )
    return problems


def _check_prior_mission(country: str, start_on: date, end_on: date) -> None:
    problems = prior_mission_problems(
        country=country, start_on=start_on, end_on=end_on, today=timezone.localdate()
    )
    for messages in problems.values():
        raise VolunteerError(messages[0])


@transaction.atomic
def prior_mission_create(
    *, volunteer: Volunteer, association_name: str, country: str, start_on, end_on
) -> PriorMission:
    """Declares a VSI mission served outside the portal (it counts toward the 6-year cap).

    Overlapping declared missions are accepted (the ledger counts shared days once); the
    pages warn about them.
    """
    _check_prior_mission(country, start_on, end_on)
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
    _check_prior_mission(country, start_on, end_on)
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
    saved under a random name; the person's file name is kept only to name the download
    (`save_upload_replacing`). A new criminal record extract starts unchecked.
    """
    if kind not in Document.Kind.values:
        raise VolunteerError(_("Choose the kind of document."))
    detected, original_name = inspect_upload(upload)
    document = Document.objects.select_for_update().filter(
        volunteer=volunteer, kind=kind
    ).first() or Document(volunteer=volunteer, kind=kind)
    document.checked_at = None
    document.checked_by = None
    document.outcome = ""
    try:
        return save_upload_replacing(
            document=document, upload=upload, detected=detected, original_name=original_name
        )
    except UploadRaced:
        # Another upload of the same kind won the race: keep that one.
        raise VolunteerError(
            _("Another upload of this document was in progress. Check the page and try again.")
        ) from None


@transaction.atomic
def document_delete(*, document: Document) -> None:
    """Removes a document and its file (the person withdraws it)."""
    name = document.file.name if document.file else ""
    storage = document.file.storage
    document.delete()
    delete_file_on_commit(storage, name)


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
    delete_file_on_commit(storage, name)
    audit_record(
        actor=by,
        action=AuditEvent.Action.CRIMINAL_RECORD_CHECKED,
        subject=document,
        details={"outcome": outcome},
    )
    return document

"""Contracts: planned → active → completed | ended_early (planned → ended_early too).
Each change is e-mailed to the volunteer (written to the outbox with it), and audited.
Only the association's administrators make these moves (`roles.require_contract_admin`;
docs/security.md, the role matrix).
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.selectors import association_can_recruit
from volunteers.errors import VolunteerError
from volunteers.models import Document
from volunteers.selectors import criminal_record_document
from volunteers.services import criminal_record_mark_checked, volunteer_lock
from vsi_portal.eligibility import Contract as RulesContract
from vsi_portal.entitlements import (
    allowance_problem,
    earliest_end_after_notice,
)
from vsi_portal.explanations import explain_allowance
from vsi_portal.formats import format_day
from vsi_portal.outbox.services import outbox_write
from vsi_portal.security.models import AuditEvent
from vsi_portal.security.services import audit_record

from .. import emails
from ..errors import ContractError
from ..models import Application, Contract, Mission
from ..models.contracts import OVERLAP_MESSAGE
from ..models.missions import ALLOWANCE_TOO_HIGH, MAX_ALLOWANCE_EUR
from ..selectors.candidates import verdict_for, volunteer_for_rules
from .applications import locked_application
from .roles import require_contract_admin

Status = Contract.Status
# The moves of a contract's life: move → (statuses it leaves from, status it goes to). The
# departure checklist is kept only while the contract is planned. Any other move is refused.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "activate": (frozenset({Status.PLANNED}), Status.ACTIVE),
    "complete": (frozenset({Status.ACTIVE}), Status.COMPLETED),
    "end_early": (frozenset({Status.PLANNED, Status.ACTIVE}), Status.ENDED_EARLY),
}


def _may(contract: Contract, move: str) -> bool:
    return contract.status in TRANSITIONS[move][0]


def _queue_contract_email(contract: Contract, event: str) -> None:
    outbox_write(emails=emails.contract_event_emails(contract, event))


def _locked_contract(contract: Contract) -> Contract:
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("association", "mission", "volunteer__user", "application")
        .get(pk=contract.pk)
    )


def contract_problems(
    *,
    mission: Mission,
    start_on: date | None,
    end_on: date | None,
    allowance_eur: int | None,
    today: date,
) -> dict[str, list[str]]:
    """What is wrong with a contract's dates and allowance, by field (empty when none).

    The 2-year maximum is the rules' (``eligibility.check``, explained with the other
    reasons); here: the start not in the past, the end after the start, the allowance
    within the bounds of its country (R13).
    """
    problems: dict[str, list[str]] = {}
    if start_on is None:
        problems.setdefault("start_on", []).append(str(_("Enter the start date.")))
    elif start_on < today:
        problems.setdefault("start_on", []).append(str(_("The contract cannot start in the past.")))
    if end_on is None:
        problems.setdefault("end_on", []).append(str(_("Enter the end date.")))
    elif start_on is not None and end_on < start_on:
        problems.setdefault("end_on", []).append(
            str(_("The contract cannot end before it starts."))
        )
    if allowance_eur is None:
        problems.setdefault("allowance_eur", []).append(str(_("Enter the monthly allowance.")))
    elif allowance_eur > MAX_ALLOWANCE_EUR:
        problems.setdefault("allowance_eur", []).append(
            str(ALLOWANCE_TOO_HIGH % {"limit_value": MAX_ALLOWANCE_EUR})
        )
    else:
        problem = allowance_problem(mission.country.code, allowance_eur)
        if problem is not None:
            problems.setdefault("allowance_eur", []).append(
                str(explain_allowance(problem, amount=allowance_eur))
            )
    return problems


@transaction.atomic
def contract_create(
    *,
    application: Application,
    by,
    start_on: date | None = None,
    end_on: date | None = None,
    allowance_eur: int | None = None,
    today: date | None = None,
) -> Contract:
    """Sign the contract of an accepted application (one contract per application).

    Dates, allowance and country come from the mission unless staff change the dates or
    the allowance; the rules run again with the contract's dates, the volunteer's days
    already served or committed, and the association's approval on the start date.
    """
    today = today or timezone.localdate()
    application = locked_application(application)
    mission = application.mission
    association = mission.association
    require_contract_admin(association, by)
    if application.status != Application.Status.ACCEPTED:
        raise ContractError(_("A contract is made only from an accepted application."))
    if Contract.objects.filter(application=application).exists():
        raise ContractError(_("This application already has its contract."))
    if application.volunteer is None:
        raise ContractError(_("The applicant deleted their account: no contract can be made."))
    if not association_can_recruit(association, on=today):
        raise ContractError(
            _("Your association cannot sign contracts while its approval is suspended or expired.")
        )
    start_on = start_on or mission.start_on
    end_on = end_on or mission.end_on
    allowance_eur = mission.allowance_eur if allowance_eur is None else allowance_eur
    problems = contract_problems(
        mission=mission, start_on=start_on, end_on=end_on, allowance_eur=allowance_eur, today=today
    )
    if problems:
        raise ValidationError(problems)
    volunteer_lock(volunteer_id=application.volunteer_id)  # one contract at a time
    volunteer = volunteer_for_rules(application.volunteer)
    rules_contract = RulesContract(
        country=mission.country.code,
        start=start_on,
        end=end_on,
        min_age=mission.min_age,
        organisation_approved=association.is_approved_on(start_on),
    )
    judged = verdict_for(volunteer=volunteer, contract=rules_contract)
    if judged.verdict is None:
        raise ContractError(
            _(
                "The volunteer's profile lacks facts the rules need (birth date, nationalities, "
                "country of residence): ask them to complete it."
            )
        )
    if not judged.eligible:
        raise ContractError(_("This contract cannot be signed:"), reasons=list(judged.reason_texts))
    try:
        with transaction.atomic():
            contract = Contract.objects.create(
                application=application,
                mission=mission,
                association=association,
                volunteer=volunteer,
                country=mission.country,
                start_on=start_on,
                end_on=end_on,
                allowance_eur=allowance_eur,
                status=Status.PLANNED,
                signed_at=timezone.now(),
                signed_by=by,
            )
    except IntegrityError:
        if Contract.objects.filter(application=application).exists():  # from another tab
            raise ContractError(_("This application already has its contract.")) from None
        if (
            Contract.objects.filter(volunteer=volunteer)
            .sharing_days_with(start_on, end_on)
            .exists()
        ):
            raise ContractError(OVERLAP_MESSAGE) from None
        raise
    _queue_contract_email(contract, "signed")
    _audit_contract(contract, by=by, change="create")
    return contract


def _audit_contract(contract: Contract, *, by, change: str) -> None:
    """Contract changes are sensitive actions France Volontaires can review."""
    audit_record(
        actor=by,
        action=AuditEvent.Action.CONTRACT_CHANGE,
        subject=contract,
        details={"change": change, "status": contract.status},
    )


def _require_contract_admin(contract: Contract, by) -> None:
    require_contract_admin(contract.association, by)


@transaction.atomic
def contract_record_prerequisites(
    *,
    contract: Contract,
    by,
    social_security_affiliated_on: date | None,
    insurance_reference: str,
    training_completed_on: date | None,
    today: date | None = None,
) -> Contract:
    """Record the departure checklist of a planned contract (an empty value clears it).

    R12: the social security affiliation dates from the contract's start at the latest.
    The training is recorded once done, so its date is not in the future.
    """
    today = today or timezone.localdate()
    contract = _locked_contract(contract)
    _require_contract_admin(contract, by)
    if contract.status != Status.PLANNED:
        raise ContractError(_("The departure checklist is kept only before the departure."))
    problems: dict[str, list[str]] = {}
    if social_security_affiliated_on and social_security_affiliated_on > contract.start_on:
        problems["social_security_affiliated_on"] = [
            str(
                _("The affiliation must date from the start (%(start)s) at the latest.")
                % {"start": format_day(contract.start_on)}
            )
        ]
    if training_completed_on and training_completed_on > today:
        problems["training_completed_on"] = [
            str(_("Record the training once it is done: its date cannot be in the future."))
        ]
    if problems:
        raise ValidationError(problems)
    contract.social_security_affiliated_on = social_security_affiliated_on
    contract.insurance_reference = (insurance_reference or "").strip()
    contract.training_completed_on = training_completed_on
    contract.save(
        update_fields=[
            "social_security_affiliated_on",
            "insurance_reference",
            "training_completed_on",
            "updated_at",
        ]
    )
    _audit_contract(contract, by=by, change="prerequisites")
    return contract


# The contract's outcomes and the document's are named differently; one maps to the other.
CRIMINAL_RECORD_DOCUMENT_OUTCOME = {
    Contract.CriminalRecordOutcome.CLEAR: Document.Outcome.CLEAR,
    Contract.CriminalRecordOutcome.ENTRIES: Document.Outcome.ENTRIES_RECORDED,
}


@transaction.atomic
def contract_record_criminal_record_check(
    *,
    contract: Contract,
    by,
    outcome: str,
    extract_uploaded_at: datetime | None = None,
    today: date | None = None,
) -> Contract:
    """An administrator records that they checked the volunteer's extract (R12); its file is
    deleted, who checked it, when and the outcome stay (document and contract). An extract
    sent again after a check gets a new check (docs/security.md); `extract_uploaded_at`
    (the upload the page showed) refuses a file replaced since, that nobody read.
    """
    today = today or timezone.localdate()
    contract = _locked_contract(contract)
    _require_contract_admin(contract, by)
    if outcome not in Contract.CriminalRecordOutcome.values:
        raise ContractError(_("Choose the outcome of the check."))
    if contract.status != Status.PLANNED:
        raise ContractError(_("The departure checklist is kept only before the departure."))
    document = criminal_record_document(contract.volunteer)
    awaiting = document is not None and not document.is_checked and document.has_file
    if not awaiting and contract.criminal_record_checked_on is not None:
        raise ContractError(_("The criminal record of this contract is already checked."))
    if not awaiting:
        raise ContractError(
            _(
                "The volunteer has not uploaded a criminal record extract yet: ask them to add "
                "it to their documents."
            )
        )
    try:
        criminal_record_mark_checked(
            document=document,
            by=by,
            outcome=CRIMINAL_RECORD_DOCUMENT_OUTCOME[outcome],
            expected_uploaded_at=extract_uploaded_at,
        )
    except VolunteerError as error:
        raise ContractError(error.message) from None
    contract.criminal_record_checked_on = today
    contract.criminal_record_checked_by = by
    contract.criminal_record_outcome = outcome
    contract.save(
        update_fields=[
            "criminal_record_checked_on",
            "criminal_record_checked_by",
            "criminal_record_outcome",
            "updated_at",
        ]
    )
    _queue_contract_email(contract, "criminal_record_checked")
    return contract


@transaction.atomic
def contract_activate(*, contract: Contract, by, today: date | None = None) -> Contract:
    """The volunteer departs: planned → active, once the checklist is complete.

    *Choice*: activation is allowed from the contract's start date on, not before (the
    contract is under way only once it has started); a suspended association's signed
    contracts still start (contracts already signed continue).
    """
    today = today or timezone.localdate()
    contract = _locked_contract(contract)
    _require_contract_admin(contract, by)
    if not _may(contract, "activate"):
        raise ContractError(_("Only a planned contract can start."))
    missing = contract.missing_prerequisites()
    if missing:
        raise ContractError(_("The departure checklist is not complete:"), reasons=missing)
    if today < contract.start_on:
        raise ContractError(
            _("The contract starts on %(start)s: it can be marked as under way from that day.")
            % {"start": format_day(contract.start_on)}
        )
    contract.status = TRANSITIONS["activate"][1]
    contract.activated_at = timezone.now()
    contract.save(update_fields=["status", "activated_at", "updated_at"])
    _queue_contract_email(contract, "activated")
    _audit_contract(contract, by=by, change="activate")
    return contract


def _issue_certificate(contract: Contract) -> None:
    now = timezone.now()
    contract.certificate_issued_at = now
    contract.certificate_number = f"VSI-{timezone.localdate(now).year}-{contract.pk:06d}"


@transaction.atomic
def contract_end_early(
    *,
    contract: Contract,
    by,
    notice_given_on: date,
    ended_on: date,
    reason: str,
    explanation: str = "",
    compelling_reason: bool = False,
    today: date | None = None,
) -> Contract:
    """End a planned or running contract before its term (R17: at least one month's notice).

    Records the notice date, the end, who ended it and why, and issues the certificate of
    completion for the days served (R17: the association issues it). A compelling reason
    (health, family, security) matters for the resettlement allowance (R18).
    """
    today = today or timezone.localdate()
    contract = _locked_contract(contract)
    _require_contract_admin(contract, by)
    if not _may(contract, "end_early"):
        raise ContractError(_("Only a planned or running contract can be ended early."))
    if reason not in Contract.EndReason.values:
        raise ContractError(_("Choose why the contract ends early."))
    problems: dict[str, list[str]] = {}
    if notice_given_on is None:
        problems["notice_given_on"] = [str(_("Enter the date the notice was given."))]
    elif notice_given_on > today:
        problems["notice_given_on"] = [str(_("The notice date cannot be in the future."))]
    if ended_on is None:
        problems.setdefault("ended_on", []).append(str(_("Enter the last day of the contract.")))
    else:
        if notice_given_on is not None:
            earliest = earliest_end_after_notice(notice_given_on)
            if ended_on < earliest:
                problems.setdefault("ended_on", []).append(
                    str(
                        _(
                            "At least one month's notice: for a notice given on %(notice)s, the "
                            "contract ends on %(earliest)s at the earliest."
                        )
                        % {"notice": format_day(notice_given_on), "earliest": format_day(earliest)}
                    )
                )
        if ended_on > contract.end_on:
            problems.setdefault("ended_on", []).append(
                str(
                    _("The early end must be on or before the planned end (%(end)s).")
                    % {"end": format_day(contract.end_on)}
                )
            )
        if ended_on < contract.start_on:
            problems.setdefault("ended_on", []).append(
                str(
                    _("The end cannot be before the contract's start (%(start)s).")
                    % {"start": format_day(contract.start_on)}
                )
            )
    if compelling_reason and reason not in Contract.COMPELLING_END_REASONS:
        problems.setdefault("compelling_reason", []).append(
            str(_("A compelling reason is a matter of health, family or security."))
        )
    if problems:
        raise ValidationError(problems)
    contract.status = TRANSITIONS["end_early"][1]
    contract.notice_given_on = notice_given_on
    contract.ended_on = ended_on
    contract.ended_by = by
    contract.end_reason = reason
    contract.end_explanation = (explanation or "").strip()
    contract.compelling_reason = bool(compelling_reason)
    _issue_certificate(contract)
    contract.save(
        update_fields=[
            "status",
            "notice_given_on",
            "ended_on",
            "ended_by",
            "end_reason",
            "end_explanation",
            "compelling_reason",
            "certificate_issued_at",
            "certificate_number",
            "updated_at",
        ]
    )
    _queue_contract_email(contract, "ended_early")
    _audit_contract(contract, by=by, change="end_early")
    return contract


@transaction.atomic
def contract_complete(*, contract: Contract, by, today: date | None = None) -> Contract:
    """A running contract reaches its term: active → completed, and the certificate issued.

    Allowed from the planned end date on (the last day served counts).
    """
    today = today or timezone.localdate()
    contract = _locked_contract(contract)
    _require_contract_admin(contract, by)
    if not _may(contract, "complete"):
        raise ContractError(_("Only a contract under way can be completed."))
    if today < contract.end_on:
        raise ContractError(
            _(
                "The contract runs until %(end)s: it can be completed from that day on, or ended "
                "early with notice."
            )
            % {"end": format_day(contract.end_on)}
        )
    contract.status = TRANSITIONS["complete"][1]
    _issue_certificate(contract)
    contract.save(
        update_fields=["status", "certificate_issued_at", "certificate_number", "updated_at"]
    )
    _queue_contract_email(contract, "completed")
    _audit_contract(contract, by=by, change="complete")
    return contract

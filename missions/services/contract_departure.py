"""A contract's departure: its checklist (R12), the facts the volunteer gives themselves
(their social security affiliation and training dates), and its start (planned → active)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volunteers.errors import VolunteerError
from volunteers.models import Document
from volunteers.selectors import criminal_record_document
from volunteers.services import criminal_record_mark_checked
from vsi_portal.formats import format_day

from ..errors import ContractError
from ..models import Contract
from .contracts import (
    TRANSITIONS,
    audit_contract,
    locked_contract,
    may_move,
    queue_contract_email,
    require_admin_of,
)


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
    contract = locked_contract(contract)
    require_admin_of(contract, by)
    if contract.status != Contract.Status.PLANNED:
        raise ContractError(_("The departure checklist is kept only before the departure."))
    _require_departure_facts_valid(
        contract,
        social_security_affiliated_on=social_security_affiliated_on,
        training_completed_on=training_completed_on,
        today=today,
    )
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
    audit_contract(contract, by=by, change="prerequisites")
    return contract


def _require_departure_facts_valid(
    contract: Contract,
    *,
    social_security_affiliated_on: date | None,
    training_completed_on: date | None,
    today: date,
) -> None:
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


# Where the volunteer gives their own departure facts: from the offer to the departure.
VOLUNTEER_DEPARTURE_STATUSES = frozenset(
    {Contract.Status.OFFERED, Contract.Status.VOLUNTEER_SIGNED, Contract.Status.PLANNED}
)


@transaction.atomic
def contract_volunteer_record_departure(
    *,
    contract: Contract,
    by,
    social_security_affiliated_on: date | None,
    training_completed_on: date | None,
    today: date | None = None,
    request=None,
) -> Contract:
    """The volunteer gives their social security affiliation date and the date they
    completed the pre-departure training (staff still can too).

    The same rules as the staff's checklist (the affiliation from the start at the latest,
    the training once done). *Choice*: a field left empty keeps what is recorded (the
    volunteer adds facts, and does not erase the staff's).
    """
    today = today or timezone.localdate()
    contract = locked_contract(contract)
    if contract.volunteer is None or contract.volunteer.user_id != getattr(by, "pk", None):
        raise ContractError(_("Only the volunteer of this contract gives these dates here."))
    if contract.status not in VOLUNTEER_DEPARTURE_STATUSES:
        raise ContractError(_("The departure checklist is kept only before the departure."))
    _require_departure_facts_valid(
        contract,
        social_security_affiliated_on=social_security_affiliated_on,
        training_completed_on=training_completed_on,
        today=today,
    )
    if social_security_affiliated_on:
        contract.social_security_affiliated_on = social_security_affiliated_on
    if training_completed_on:
        contract.training_completed_on = training_completed_on
    contract.save(
        update_fields=["social_security_affiliated_on", "training_completed_on", "updated_at"]
    )
    audit_contract(contract, by=by, change="volunteer_departure_facts", request=request)
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
    contract = locked_contract(contract)
    require_admin_of(contract, by)
    if outcome not in Contract.CriminalRecordOutcome.values:
        raise ContractError(_("Choose the outcome of the check."))
    if contract.status != Contract.Status.PLANNED:
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
    queue_contract_email(contract, "criminal_record_checked")
    return contract


@transaction.atomic
def contract_activate(*, contract: Contract, by, today: date | None = None) -> Contract:
    """The volunteer departs: planned → active, once the checklist is complete.

    *Choice*: activation is allowed from the contract's start date on, not before (the
    contract is under way only once it has started); a suspended association's signed
    contracts still start (contracts already signed continue).
    """
    today = today or timezone.localdate()
    contract = locked_contract(contract)
    require_admin_of(contract, by)
    if not may_move(contract, "activate"):
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
    queue_contract_email(contract, "activated")
    audit_contract(contract, by=by, change="activate")
    return contract

"""Contracts: the moves of their life and the signing of them.

The moves (``TRANSITIONS``): draft → offered → volunteer_signed → planned (signed by both)
→ active → completed | ended_early. The departure checklist and the start are in
``contract_departure``, the early end, the completion and the certificate in
``contract_ends``. Each change is e-mailed (written to the outbox with it) and audited.
Staff moves are made by the association's administrators only
(`roles.require_contract_admin`; docs/security.md, the role matrix).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.selectors import association_can_recruit
from volunteers.services import volunteer_lock
from vsi_portal.eligibility import Contract as RulesContract
from vsi_portal.entitlements import (
    allowance_problem,
)
from vsi_portal.explanations import explain_allowance
from vsi_portal.outbox.services import outbox_write
from vsi_portal.security.models import AuditEvent
from vsi_portal.security.services import audit_record

from .. import emails
from ..errors import ContractError
from ..models import Application, Contract, ContractVersion, Mission
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


def may_move(contract: Contract, move: str) -> bool:
    return contract.status in TRANSITIONS[move][0]


def queue_contract_email(contract: Contract, event: str) -> None:
    outbox_write(emails=emails.contract_event_emails(contract, event))


def locked_contract(contract: Contract) -> Contract:
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("association", "mission", "volunteer__user", "application")
        .get(pk=contract.pk)
    )


def audit_contract(contract: Contract, *, by, change: str) -> None:
    """Contract changes are sensitive actions France Volontaires can review."""
    audit_record(
        actor=by,
        action=AuditEvent.Action.CONTRACT_CHANGE,
        subject=contract,
        details={"change": change, "status": contract.status},
    )


def require_admin_of(contract: Contract, by) -> None:
    require_contract_admin(contract.association, by)


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
            ContractVersion.objects.create(
                contract=contract,
                number=1,
                status=ContractVersion.Status.SIGNED,
                start_on=start_on,
                end_on=end_on,
                allowance_eur=allowance_eur,
                created_by=by,
                offered_at=contract.signed_at,
                association_signed_at=contract.signed_at,
                association_signed_by=by,
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
    queue_contract_email(contract, "signed")
    audit_contract(contract, by=by, change="create")
    return contract

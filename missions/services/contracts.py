"""Contracts: the moves of their life, from the draft to the signatures of both sides.

The moves (``TRANSITIONS``): staff prepare a draft from an accepted application, offer it
to the volunteer (and may take the offer back to correct it); the volunteer signs it or
declines it; the association signs last: planned → active → completed | ended_early. A
signed contract is never edited: an amendment is a later ``ContractVersion`` that goes
through the same moves (``VERSION_TRANSITIONS``) while the contract stays planned or
active, and whose terms the contract takes once both sides signed it.

Here: the shared helpers, preparing and editing a draft, offering it and taking it back.
The signatures are in ``contract_signing``, amendments in ``contract_amendments``, the
departure checklist and the start in ``contract_departure``, the ends in
``contract_ends``. Each change is e-mailed (written to the outbox with it) and audited,
with the request's address when a person made it. Staff moves are made by the
association's administrators only (`roles.require_contract_admin`; docs/security.md).
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
from vsi_portal.entitlements import allowance_problem
from vsi_portal.explanations import explain_allowance
from vsi_portal.formats import format_euros
from vsi_portal.outbox.services import outbox_write
from vsi_portal.security.models import AuditEvent
from vsi_portal.security.services import audit_record

from .. import emails, notices
from ..errors import ContractError
from ..models import Application, Contract, ContractVersion, Mission
from ..models.contracts import OVERLAP_MESSAGE
from ..models.missions import ALLOWANCE_TOO_HIGH, MAX_ALLOWANCE_EUR
from ..selectors.candidates import verdict_for, volunteer_for_rules
from .applications import locked_application
from .roles import require_contract_admin

Status = Contract.Status
VersionStatus = ContractVersion.Status
# The moves of a contract's life: move → (statuses it leaves from, status it goes to). The
# departure checklist is kept only while the contract is planned. Any other move is refused.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "offer": (frozenset({Status.DRAFT}), Status.OFFERED),
    "withdraw_offer": (frozenset({Status.OFFERED}), Status.DRAFT),
    "volunteer_sign": (frozenset({Status.OFFERED}), Status.VOLUNTEER_SIGNED),
    # The volunteer may also take back their signature while the association has not signed.
    "volunteer_decline": (frozenset({Status.OFFERED, Status.VOLUNTEER_SIGNED}), Status.DECLINED),
    "association_sign": (frozenset({Status.VOLUNTEER_SIGNED}), Status.PLANNED),
    "activate": (frozenset({Status.PLANNED}), Status.ACTIVE),
    "complete": (frozenset({Status.ACTIVE}), Status.COMPLETED),
    "end_early": (frozenset({Status.PLANNED, Status.ACTIVE}), Status.ENDED_EARLY),
}
# The moves of a version (the first one with its contract's; an amendment's while the
# contract stays planned or active). *Choice*: an offer taken back returns to the draft it
# was (nobody signed it; the audit trail keeps that it was offered), so that staff correct
# it and offer it again; only an amendment is withdrawn for good.
VERSION_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "offer": (frozenset({VersionStatus.DRAFT}), VersionStatus.OFFERED),
    "withdraw_offer": (frozenset({VersionStatus.OFFERED}), VersionStatus.DRAFT),
    "volunteer_sign": (frozenset({VersionStatus.OFFERED}), VersionStatus.VOLUNTEER_SIGNED),
    "volunteer_decline": (
        frozenset({VersionStatus.OFFERED, VersionStatus.VOLUNTEER_SIGNED}),
        VersionStatus.DECLINED,
    ),
    "association_sign": (frozenset({VersionStatus.VOLUNTEER_SIGNED}), VersionStatus.SIGNED),
    "withdraw_amendment": (frozenset(ContractVersion.PENDING_STATUSES), VersionStatus.WITHDRAWN),
}
# A contract that may be amended: signed by both sides, its last day still ahead.
AMENDABLE = frozenset({Status.PLANNED, Status.ACTIVE})


def may_move(contract: Contract, move: str) -> bool:
    return contract.status in TRANSITIONS[move][0]


def version_may_move(version: ContractVersion, move: str) -> bool:
    return version.status in VERSION_TRANSITIONS[move][0]


def queue_contract_email(contract: Contract, event: str, *, version=None) -> None:
    outbox_write(emails=emails.contract_event_emails(contract, event, version=version))


def locked_contract(contract: Contract) -> Contract:
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("association", "mission", "volunteer__user", "application")
        .get(pk=contract.pk)
    )


def pending_version(contract: Contract) -> ContractVersion | None:
    """The contract's version on its way to both signatures (one at a time), locked."""
    return (
        ContractVersion.objects.select_for_update()
        .filter(contract=contract, status__in=ContractVersion.PENDING_STATUSES)
        .first()
    )


def audit_contract(
    contract: Contract, *, by, change: str, request=None, version: ContractVersion | None = None
) -> None:
    """Contract changes are sensitive actions France Volontaires can review; a signature's
    record holds the address it came from (``request``), never the name typed."""
    details = {"change": change, "status": contract.status}
    if version is not None:
        details.update(version=version.number, version_status=version.status)
    audit_record(
        actor=by,
        action=AuditEvent.Action.CONTRACT_CHANGE,
        subject=contract,
        details=details,
        request=request,
    )


def require_amendable(contract: Contract) -> None:
    """An amendment is prepared, offered and signed only while the contract is planned or
    running with no notice given (an ended contract, or one ending early, keeps its terms)."""
    if contract.status not in AMENDABLE:
        raise ContractError(_("Only a planned or running contract can be amended."))
    if contract.notice_given_on is not None or contract.ended_on is not None:
        raise ContractError(
            _("Notice has been given on this contract: it can no longer be amended.")
        )


def require_amendment_fits(
    contract: Contract, version: ContractVersion, *, today: date, message
) -> None:
    """The amendment ``version`` may still be offered or signed today: the contract is
    amendable and its terms pass ``amendment_problems`` (a contract under way keeps its
    start; the end not before today; the allowance within bounds). Refused under
    ``message`` with every problem in words."""
    require_amendable(contract)
    problems = amendment_problems(
        contract=contract,
        start_on=version.start_on,
        end_on=version.end_on,
        allowance_eur=version.allowance_eur,
        today=today,
    )
    if problems:
        reasons = [text for field in problems.values() for text in field]
        raise ContractError(message, reasons=reasons)


def require_admin_of(contract: Contract, by) -> None:
    require_contract_admin(contract.association, by)


def require_volunteer_present(contract: Contract) -> None:
    if contract.volunteer is None:
        raise ContractError(
            _("The volunteer deleted their account: this contract can no longer be signed.")
        )


def require_can_recruit(contract: Contract, today: date) -> None:
    if not association_can_recruit(contract.association, on=today):
        raise ContractError(
            _("Your association cannot sign contracts while its approval is suspended or expired.")
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
    _allowance_problems(problems, mission=mission, allowance_eur=allowance_eur)
    return problems


def _allowance_problems(problems: dict, *, mission: Mission, allowance_eur: int | None) -> None:
    if allowance_eur is None:
        problems.setdefault("allowance_eur", []).append(str(_("Enter the monthly allowance.")))
    elif allowance_eur > MAX_ALLOWANCE_EUR:
        problems.setdefault("allowance_eur", []).append(str(ALLOWANCE_TOO_HIGH))
    else:
        problem = allowance_problem(mission.country.code, allowance_eur)
        if problem is not None:
            problems.setdefault("allowance_eur", []).append(
                str(explain_allowance(problem, amount=allowance_eur, format_amount=format_euros))
            )


def amendment_problems(
    *,
    contract: Contract,
    start_on: date | None,
    end_on: date | None,
    allowance_eur: int | None,
    today: date,
) -> dict[str, list[str]]:
    """What is wrong with the terms of an amendment of a signed contract, by field.

    A planned contract's amendment follows the rules of a new contract; one under way
    (active, or planned with its start passed) keeps its start (the days served are served)
    and cannot end before today.
    """
    if contract.status != Status.ACTIVE and contract.start_on >= today:
        return contract_problems(
            mission=contract.mission,
            start_on=start_on,
            end_on=end_on,
            allowance_eur=allowance_eur,
            today=today,
        )
    problems: dict[str, list[str]] = {}
    if start_on is not None and start_on != contract.start_on:
        problems["start_on"] = [str(_("The contract is under way: its start cannot change."))]
    if end_on is None:
        problems["end_on"] = [str(_("Enter the end date."))]
    elif end_on < today:
        problems["end_on"] = [str(_("The contract cannot end before today."))]
    elif end_on < contract.start_on:
        problems["end_on"] = [str(_("The contract cannot end before it starts."))]
    _allowance_problems(problems, mission=contract.mission, allowance_eur=allowance_eur)
    return problems


def rules_refusal(
    contract: Contract, *, start_on: date, end_on: date, today: date, message
) -> None:
    """Run the rules again for this contract's volunteer with these dates (the volunteer's
    days served or committed elsewhere counted, this contract's own left out, the
    association's approval on the start date, or today for a contract under way); refuse
    with every reason in words, under ``message``."""
    volunteer = volunteer_for_rules(contract.volunteer)
    rules_contract = RulesContract(
        country=contract.country.code,
        start=start_on,
        end=end_on,
        min_age=contract.mission.min_age,
        organisation_approved=contract.association.is_approved_on(max(start_on, today)),
    )
    judged = verdict_for(
        volunteer=volunteer, contract=rules_contract, exclude_contract_pk=contract.pk
    )
    if judged.verdict is None:
        raise ContractError(
            _(
                "The volunteer's profile lacks facts the rules need (birth date, nationalities, "
                "country of residence): ask them to complete it."
            )
        )
    if not judged.eligible:
        raise ContractError(message, reasons=list(judged.reason_texts))


@transaction.atomic
def contract_create(
    *,
    application: Application,
    by,
    start_on: date | None = None,
    end_on: date | None = None,
    allowance_eur: int | None = None,
    today: date | None = None,
    request=None,
) -> Contract:
    """Prepare the draft contract of an accepted application (one contract per application).

    Dates, allowance and country come from the mission unless staff change the dates or
    the allowance; the rules run with the contract's dates, the volunteer's days already
    served or committed, and the association's approval on the start date. Nobody signs
    yet: version 1 is a draft, with the same terms, until staff offer it.
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
    draft = Contract(
        application=application,
        mission=mission,
        association=association,
        volunteer=application.volunteer,
        country=mission.country,
    )
    rules_refusal(
        draft,
        start_on=start_on,
        end_on=end_on,
        today=today,
        message=_("This contract cannot be prepared:"),
    )
    try:
        with transaction.atomic():
            draft.start_on, draft.end_on, draft.allowance_eur = start_on, end_on, allowance_eur
            draft.status = Status.DRAFT
            draft.save()
            version = ContractVersion.objects.create(
                contract=draft,
                number=1,
                status=VersionStatus.DRAFT,
                start_on=start_on,
                end_on=end_on,
                allowance_eur=allowance_eur,
                created_by=by,
            )
    except IntegrityError:
        if Contract.objects.filter(application=application).exists():  # from another tab
            raise ContractError(_("This application already has its contract.")) from None
        raise
    audit_contract(draft, by=by, change="prepare", request=request, version=version)
    return draft


@transaction.atomic
def contract_edit_draft(
    *,
    contract: Contract,
    by,
    start_on: date | None,
    end_on: date | None,
    allowance_eur: int | None,
    changes: str | None = None,
    today: date | None = None,
    request=None,
) -> ContractVersion:
    """Staff change the terms of a draft: the contract's own before it is first signed
    (contract and version 1 together), an amendment's otherwise (the version only: the
    contract keeps its signed terms). Within ``contract_problems`` and the rules."""
    today = today or timezone.localdate()
    contract = locked_contract(contract)
    require_admin_of(contract, by)
    version = pending_version(contract)
    if version is None or version.status != VersionStatus.DRAFT:
        raise ContractError(
            _("Only a draft can be changed: take the offer back first, or prepare an amendment.")
        )
    require_volunteer_present(contract)
    amendment = version.is_amendment
    if amendment:
        start_on = start_on or contract.start_on
        problems = amendment_problems(
            contract=contract,
            start_on=start_on,
            end_on=end_on,
            allowance_eur=allowance_eur,
            today=today,
        )
    else:
        problems = contract_problems(
            mission=contract.mission,
            start_on=start_on,
            end_on=end_on,
            allowance_eur=allowance_eur,
            today=today,
        )
    if problems:
        raise ValidationError(problems)
    rules_refusal(
        contract,
        start_on=start_on,
        end_on=end_on,
        today=today,
        message=_("These terms cannot be signed:"),
    )
    version.start_on, version.end_on, version.allowance_eur = start_on, end_on, allowance_eur
    if amendment and changes is not None:
        version.changes = changes.strip()
    version.save(update_fields=["start_on", "end_on", "allowance_eur", "changes"])
    if not amendment:
        contract.start_on, contract.end_on, contract.allowance_eur = start_on, end_on, allowance_eur
        contract.save(update_fields=["start_on", "end_on", "allowance_eur", "updated_at"])
    audit_contract(contract, by=by, change="edit_draft", request=request, version=version)
    return version


@transaction.atomic
def contract_offer(
    *, contract: Contract, by, today: date | None = None, request=None
) -> ContractVersion:
    """Staff offer the draft (the contract's, or an amendment's) to the volunteer.

    The rules run again with its dates and the volunteer's days served or committed
    elsewhere; the volunteer is e-mailed the offer with their to-do list.
    """
    today = today or timezone.localdate()
    contract = locked_contract(contract)
    require_admin_of(contract, by)
    version = pending_version(contract)
    if version is None or not version_may_move(version, "offer"):
        raise ContractError(_("There is no draft to offer: prepare the contract or an amendment."))
    amendment = version.is_amendment
    if not amendment and not may_move(contract, "offer"):
        raise ContractError(_("Only a draft contract can be offered."))
    if amendment:
        require_amendment_fits(
            contract, version, today=today, message=_("This amendment cannot be offered:")
        )
    require_volunteer_present(contract)
    require_can_recruit(contract, today)
    if not amendment and version.start_on < today:
        raise ContractError(
            _("The contract's start has passed: change its dates before offering it.")
        )
    rules_refusal(
        contract,
        start_on=version.start_on,
        end_on=version.end_on,
        today=today,
        message=_("This contract cannot be offered:"),
    )
    version.status = VERSION_TRANSITIONS["offer"][1]
    version.offered_at = timezone.now()
    version.save(update_fields=["status", "offered_at"])
    if not amendment:
        contract.status = TRANSITIONS["offer"][1]
        contract.save(update_fields=["status", "updated_at"])
    queue_contract_email(contract, "offered", version=version)
    notices.contract_offer_notify(contract, version=version, by=by)
    audit_contract(contract, by=by, change="offer", request=request, version=version)
    return version


@transaction.atomic
def contract_withdraw_offer(*, contract: Contract, by, request=None) -> ContractVersion:
    """Staff take back an offer the volunteer has not signed yet, to correct it: the same
    version becomes a draft again (and the contract too, before its first signatures)."""
    contract = locked_contract(contract)
    require_admin_of(contract, by)
    version = pending_version(contract)
    if version is None or not version_may_move(version, "withdraw_offer"):
        raise ContractError(_("Only an offer the volunteer has not signed yet can be taken back."))
    version.status = VERSION_TRANSITIONS["withdraw_offer"][1]
    version.offered_at = None
    version.save(update_fields=["status", "offered_at"])
    if not version.is_amendment:
        contract.status = TRANSITIONS["withdraw_offer"][1]
        contract.save(update_fields=["status", "updated_at"])
    queue_contract_email(contract, "offer_withdrawn", version=version)
    audit_contract(contract, by=by, change="withdraw_offer", request=request, version=version)
    return version


def overlap_refusal(contract: Contract, start_on: date, end_on: date) -> ContractError | None:
    """The refusal to give when the database refused a contract's days (another binding
    contract of the volunteer shares them), or None when that was not the cause."""
    others = Contract.objects.binding().filter(volunteer_id=contract.volunteer_id)
    if others.exclude(pk=contract.pk).sharing_days_with(start_on, end_on).exists():
        return ContractError(OVERLAP_MESSAGE)
    return None

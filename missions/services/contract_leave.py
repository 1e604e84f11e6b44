"""A contract's leave (R14): the days taken, which the association's staff record, bounded
by what the contract gives (``Contract.leave_entitlement``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..errors import ContractError
from ..models import Contract
from .contracts import audit_contract, locked_contract, require_admin_of

# Leave is taken during the mission; a contract over may still be corrected afterwards.
LEAVE_STATUSES = frozenset(
    {Contract.Status.ACTIVE, Contract.Status.ENDED_EARLY, Contract.Status.COMPLETED}
)


def leave_taken_problem(contract: Contract, days_taken: int) -> str | None:
    """Why ``days_taken`` cannot be recorded on ``contract``, in words; None when it can."""
    entitlement = contract.leave_entitlement
    if days_taken < 0:
        return str(_("The days of leave taken cannot be negative."))
    if days_taken > entitlement:
        if entitlement == 0:
            return str(_("This contract gives no leave: leave starts with missions of 6 months."))
        return ngettext(
            "This contract gives %(days)s day of leave: record at most %(days)s.",
            "This contract gives %(days)s days of leave: record at most %(days)s.",
            entitlement,
        ) % {"days": entitlement}
    return None


@transaction.atomic
def contract_record_leave_taken(*, contract: Contract, by, days_taken: int) -> Contract:
    """Record how many days of leave the volunteer has taken so far (a total, not an
    addition: the staff correct it as they go). Administrators only; from the start on."""
    contract = locked_contract(contract)
    require_admin_of(contract, by)
    if contract.status not in LEAVE_STATUSES:
        raise ContractError(_("Leave is recorded once the contract is under way."))
    problem = leave_taken_problem(contract, days_taken)
    if problem:
        raise ValidationError({"leave_days_taken": [problem]})
    contract.leave_days_taken = days_taken
    contract.save(update_fields=["leave_days_taken", "updated_at"])
    audit_contract(contract, by=by, change="leave_taken")
    return contract

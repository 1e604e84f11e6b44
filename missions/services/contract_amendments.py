"""Amendments: a signed contract changes only by a new version both sides sign again.

Staff prepare version N+1 as a draft of a planned or running contract; it is offered,
signed by the volunteer, then by the association, with the moves of the first version
(``contracts.contract_offer``, ``contract_signing``), while the contract keeps its signed
terms; it takes the new ones once both signed. Staff may withdraw a pending amendment;
every earlier version stays readable.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..errors import ContractError
from ..models import Contract, ContractVersion
from .contracts import (
    VERSION_TRANSITIONS,
    amendment_problems,
    audit_contract,
    locked_contract,
    pending_version,
    queue_contract_email,
    require_admin_of,
    require_amendable,
    require_volunteer_present,
    rules_refusal,
)


@transaction.atomic
def contract_amend(
    *,
    contract: Contract,
    by,
    end_on: date | None,
    allowance_eur: int | None,
    changes: str,
    start_on: date | None = None,
    today: date | None = None,
    request=None,
) -> ContractVersion:
    """Prepare an amendment of a planned or running contract: version N+1, a draft.

    The start of a contract under way cannot change; the end cannot be before today; the
    rules run again with the new dates, this contract's own days left out.
    """
    today = today or timezone.localdate()
    contract = locked_contract(contract)
    require_admin_of(contract, by)
    require_amendable(contract)
    require_volunteer_present(contract)
    if pending_version(contract) is not None:
        raise ContractError(
            _("An amendment is already in progress: withdraw it or see it through first.")
        )
    start_on = start_on or contract.start_on
    problems = amendment_problems(
        contract=contract,
        start_on=start_on,
        end_on=end_on,
        allowance_eur=allowance_eur,
        today=today,
    )
    changes = (changes or "").strip()
    if not changes:
        problems["changes"] = [str(_("Say what this amendment changes, and why."))]
    if problems:
        raise ValidationError(problems)
    if (start_on, end_on, allowance_eur) == (
        contract.start_on,
        contract.end_on,
        contract.allowance_eur,
    ):
        raise ContractError(_("This amendment changes neither the dates nor the allowance."))
    rules_refusal(
        contract,
        start_on=start_on,
        end_on=end_on,
        today=today,
        message=_("This amendment cannot be signed:"),
    )
    last = contract.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = ContractVersion.objects.create(
        contract=contract,
        number=last + 1,
        status=ContractVersion.Status.DRAFT,
        start_on=start_on,
        end_on=end_on,
        allowance_eur=allowance_eur,
        changes=changes,
        created_by=by,
    )
    audit_contract(contract, by=by, change="amend", request=request, version=version)
    return version


@transaction.atomic
def contract_amendment_withdraw(*, contract: Contract, by, request=None) -> ContractVersion:
    """Staff withdraw the pending amendment: the contract stays as it was signed."""
    contract = locked_contract(contract)
    require_admin_of(contract, by)
    version = pending_version(contract)
    if version is None or not version.is_amendment:
        raise ContractError(_("There is no amendment in progress to withdraw."))
    was_offered = version.offered_at is not None
    version.status = VERSION_TRANSITIONS["withdraw_amendment"][1]
    version.save(update_fields=["status"])
    if was_offered:
        queue_contract_email(contract, "amendment_withdrawn", version=version)
    audit_contract(contract, by=by, change="withdraw_amendment", request=request, version=version)
    return version

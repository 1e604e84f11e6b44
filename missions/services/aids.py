"""The end-of-mission aids: what the volunteer tells the portal about them.

Not a move of the contract's life (``contracts.py``): the volunteer's own statement, made
from "My VSI", which stops the insertion premium's deadline reminders.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..errors import ContractError
from ..models import Contract


@transaction.atomic
def insertion_premium_mark_requested(*, contract: Contract, by, on) -> Contract:
    """Records that the volunteer requested the insertion premium (R19), on `on`.

    Only the contract's own volunteer says so, once the mission has ended; the date is not
    in the future. It stops the premium-deadline reminders (their `still_due` reads it).
    It is the volunteer's statement, made from "My VSI", not a move of the contract's own
    life cycle: no e-mail, no audit.
    """
    contract = (
        Contract.objects.select_for_update(of=("self",))
        .select_related("volunteer")
        .get(pk=contract.pk)
    )
    if contract.volunteer is None or contract.volunteer.user_id != by.pk:
        raise ContractError(_("Only the volunteer of this contract can say so."))
    today = timezone.localdate()
    if not contract.has_ended(today):
        raise ContractError(_("The insertion premium is requested after the mission has ended."))
    if on is None or on > today:
        raise ContractError(_("The date of your request cannot be in the future."))
    if on < contract.start_on:
        raise ContractError(_("The date of your request cannot be before your mission."))
    if contract.insertion_premium_requested_on is not None:
        raise ContractError(_("You have already told us that you requested the premium."))
    contract.insertion_premium_requested_on = on
    contract.save(update_fields=["insertion_premium_requested_on", "updated_at"])
    return contract

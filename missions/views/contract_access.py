"""Who reaches a contract's pages, and how a refused move is told: one home for every
contract view (staff, signing, ends, the volunteer's side). Anyone else gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from ..errors import ContractError
from ..models import Contract
from ..selectors.contracts import administers, contract_for_owner, contract_for_staff


def get_contract_for_staff(user, pk: int) -> Contract:
    """A contract of an association the user is on the staff of (admins and editors)."""
    contract = contract_for_staff(user, pk)
    if contract is None:
        raise Http404(_("No contract at this address."))
    return contract


def get_contract_for_admin(user, pk: int) -> Contract:
    """A contract of an association the user administers; 404 for anyone else, editors
    included (they read contracts, never change them)."""
    contract = get_contract_for_staff(user, pk)
    if not administers(user, contract.association_id):
        raise Http404(_("No contract at this address."))
    return contract


def get_contract_for_owner(user, pk: int) -> Contract:
    """The volunteer's own contract (never a draft: ``contract_for_owner``)."""
    contract = contract_for_owner(user, pk)
    if contract is None:
        raise Http404(_("No contract at this address."))
    return contract


def flash_refusal(request: HttpRequest, error: ContractError) -> None:
    """A refused move's message, then each of its reasons."""
    messages.error(request, error.message)
    for reason in error.reasons:
        messages.error(request, reason)


def contract_move(
    request: HttpRequest, pk: int, move, success: str, *, extra: dict | None = None
) -> HttpResponse:
    """An administrator's one-button move (``move(contract=, by=, **extra)``), back to the
    contract's staff page with its message."""
    contract = get_contract_for_admin(request.user, pk)
    try:
        move(contract=contract, by=request.user, **(extra or {}))
    except ContractError as error:
        flash_refusal(request, error)
    else:
        messages.success(request, success)
    return redirect("missions:contract_detail", pk=contract.pk)

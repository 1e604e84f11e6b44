"""Contracts: the volunteer's side. Their contract's page (the offer to read, the to-do
list, the versions), signing or declining the offer, and the departure facts they give
themselves. Each lookup is the person's own contract
(``contract_access.get_contract_for_owner``: 404 for anyone else, staff included; a draft
is not shown until offered)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vsi_portal.entitlements import days, leave_days, pension_quarters, whole_months

from ..errors import ContractError
from ..forms import DeclineForm, DepartureFactsForm, SignForm
from ..models import Contract, ContractVersion
from ..selectors.contracts import (
    contract_todo,
    pending_version_of,
    versions_shown_to_volunteer,
)
from ..services import contract_departure, contract_signing
from .contract_access import get_contract_for_owner
from .contract_ends import end_actions


def _offer(contract: Contract) -> ContractVersion | None:
    """The version offered to the volunteer, waiting for their signature, if any."""
    version = pending_version_of(contract)
    if version is not None and version.status == ContractVersion.Status.OFFERED:
        return version
    return None


def _declinable(contract: Contract) -> ContractVersion | None:
    """The version the volunteer may still decline: offered, or signed by them alone (they
    take back their signature while the association has not signed)."""
    version = pending_version_of(contract)
    if version is not None and version.status in (
        ContractVersion.Status.OFFERED,
        ContractVersion.Status.VOLUNTEER_SIGNED,
    ):
        return version
    return None


def _page(
    request: HttpRequest, contract: Contract, *, departure_form=None, status: int = 200
) -> HttpResponse:
    pending = pending_version_of(contract)
    return render(
        request,
        "missions/my_contract.html",
        {
            "contract": contract,
            "offer": _offer(contract),
            "pending": pending,
            "todo": contract_todo(contract),
            "versions": versions_shown_to_volunteer(contract),
            "can_give_departure_facts": contract.status
            in contract_departure.VOLUNTEER_DEPARTURE_STATUSES,
            "departure_form": departure_form
            or DepartureFactsForm(
                initial={
                    "social_security_affiliated_on": contract.social_security_affiliated_on,
                    "training_completed_on": contract.training_completed_on,
                }
            ),
            "leave_days": leave_days(contract.start_on, contract.last_day),
            "pension_quarters": sorted(
                pension_quarters(contract.start_on, contract.last_day).items()
            ),
            # The planned length and the days served so far, apart (a running contract has
            # served only part of its length).
            "planned_days": days(contract.planned_period),
            "served_so_far": contract.days_served(today=timezone.localdate()),
            "months": whole_months(contract.start_on, contract.last_day),
            "end": end_actions(contract, today=timezone.localdate()),
        },
        status=status,
    )


@login_required
@require_GET
def my_contract(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, get_contract_for_owner(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def my_contract_sign(request: HttpRequest, pk: int) -> HttpResponse:
    """The volunteer's signature: the terms offered, then the name typed and "I have read
    and accept" (it can be taken back, by declining, only until the association signs)."""
    contract = get_contract_for_owner(request.user, pk)
    offer = _offer(contract)
    if offer is None:
        messages.error(request, _("There is no offer waiting for your signature on this contract."))
        return redirect("missions:my_contract", pk=contract.pk)
    form = SignForm(request.POST or None)
    reasons: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            contract_signing.contract_volunteer_sign(
                contract=contract,
                by=request.user,
                full_name=form.cleaned_data["full_name"],
                request=request,
            )
        except ContractError as error:
            form.add_error(None, error.message)
            reasons = list(error.reasons)
        else:
            messages.success(
                request,
                _("You signed. The association signs next; you will receive an e-mail then."),
            )
            return redirect("missions:my_contract", pk=contract.pk)
    return render(
        request,
        "missions/my_contract_sign.html",
        {
            "contract": contract,
            "version": offer,
            "form": form,
            "reasons": reasons,
            "leave_days": leave_days(offer.start_on, offer.end_on),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_contract_decline(request: HttpRequest, pk: int) -> HttpResponse:
    """Decline the offer, or take back one's signature and decline while the association
    has not signed, with a reason: the page asks first (it cannot be undone)."""
    contract = get_contract_for_owner(request.user, pk)
    offer = _declinable(contract)
    if offer is None:
        messages.error(request, _("There is no offer waiting for your signature on this contract."))
        return redirect("missions:my_contract", pk=contract.pk)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contract_signing.contract_volunteer_decline(
                contract=contract,
                by=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                request=request,
            )
        except ContractError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("You declined; the association has been told."))
            return redirect("missions:my_contract", pk=contract.pk)
    return render(
        request,
        "missions/my_contract_decline.html",
        {"contract": contract, "version": offer, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def my_contract_departure(request: HttpRequest, pk: int) -> HttpResponse:
    """The volunteer gives their social security affiliation and training dates."""
    contract = get_contract_for_owner(request.user, pk)
    form = DepartureFactsForm(request.POST)
    if form.is_valid():
        try:
            contract_departure.contract_volunteer_record_departure(
                contract=contract, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        except ContractError as error:
            messages.error(request, error.message)
            return redirect("missions:my_contract", pk=contract.pk)
        else:
            messages.success(request, _("Thank you: your dates are recorded."))
            return redirect("missions:my_contract", pk=contract.pk)
    return _page(request, contract, departure_form=form, status=400)

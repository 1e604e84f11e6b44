"""The signing of a contract, the staff's side: change a draft, offer it, take an offer
back, sign for the association, prepare and withdraw an amendment. Administrators only
(``contract_access.get_contract_for_admin``: 404 for anyone else, editors included)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vsi_portal.entitlements import leave_days

from ..errors import ContractError
from ..forms import AmendmentForm, AssociationSignForm, ContractForm
from ..models import Contract, ContractVersion
from ..selectors.contracts import pending_version_of
from ..services import contract_amendments, contract_signing
from ..services import contracts as contract_services
from ..services.contract_signing import NOT_SIGNED_BY_VOLUNTEER
from .contract_access import contract_move, get_contract_for_admin


def _to_contract(contract: Contract) -> HttpResponse:
    return redirect("missions:contract_detail", pk=contract.pk)


@login_required
@require_http_methods(["GET", "POST"])
def contract_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the draft: the contract's own before it is offered, or an amendment's."""
    contract = get_contract_for_admin(request.user, pk)
    version = pending_version_of(contract)
    if version is None or version.status != ContractVersion.Status.DRAFT:
        messages.error(request, _("Only a draft can be changed."))
        return _to_contract(contract)
    amendment = version.is_amendment
    form_class = AmendmentForm if amendment else ContractForm
    extra = {"start_locked": contract.status == Contract.Status.ACTIVE} if amendment else {}
    initial = {
        "start_on": version.start_on,
        "end_on": version.end_on,
        "allowance_eur": version.allowance_eur,
        "changes": version.changes,
    }
    form = form_class(request.POST or None, initial=initial, **extra)
    reasons: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contract_services.contract_edit_draft(
                contract=contract,
                by=request.user,
                start_on=data["start_on"] or version.start_on,
                end_on=data["end_on"],
                allowance_eur=data["allowance_eur"],
                changes=data.get("changes"),
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        except ContractError as error:
            form.add_error(None, error.message)
            reasons = list(error.reasons)
        else:
            messages.success(request, _("Draft saved."))
            return _to_contract(contract)
    return render(
        request,
        "missions/contract_form.html",
        {
            "form": form,
            "contract": contract,
            "application": contract.application,
            "mission": contract.mission,
            "reasons": reasons,
            "mode": "amendment" if amendment else "edit",
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def contract_offer(request: HttpRequest, pk: int) -> HttpResponse:
    return contract_move(
        request,
        pk,
        contract_services.contract_offer,
        _("Offered: the volunteer has been e-mailed the offer to sign."),
        extra={"request": request},
    )


@login_required
@require_POST
def contract_withdraw_offer(request: HttpRequest, pk: int) -> HttpResponse:
    return contract_move(
        request,
        pk,
        contract_services.contract_withdraw_offer,
        _("Offer taken back: it is a draft again, to correct and offer again."),
        extra={"request": request},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contract_amendment_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw the pending amendment: the page asks first (it cannot be undone), the POST
    withdraws it."""
    if request.method == "POST":
        return contract_move(
            request,
            pk,
            contract_amendments.contract_amendment_withdraw,
            _("Amendment withdrawn: the contract stays as it was signed."),
            extra={"request": request},
        )
    contract = get_contract_for_admin(request.user, pk)
    version = pending_version_of(contract)
    if version is None or not version.is_amendment:
        messages.error(request, _("There is no amendment in progress to withdraw."))
        return _to_contract(contract)
    return render(
        request,
        "missions/contract_amendment_withdraw.html",
        {"contract": contract, "version": version},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contract_sign(request: HttpRequest, pk: int) -> HttpResponse:
    """The association's signature, after the volunteer's: the terms, then the name typed,
    the role and "I have read and accept" (signing cannot be undone)."""
    contract = get_contract_for_admin(request.user, pk)
    version = pending_version_of(contract)
    if version is None or version.status != ContractVersion.Status.VOLUNTEER_SIGNED:
        messages.error(request, NOT_SIGNED_BY_VOLUNTEER)
        return _to_contract(contract)
    form = AssociationSignForm(request.POST or None)
    reasons: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            contract_signing.contract_association_sign(
                contract=contract,
                by=request.user,
                full_name=form.cleaned_data["full_name"],
                role=form.cleaned_data["role"],
                request=request,
            )
        except ContractError as error:
            form.add_error(None, error.message)
            reasons = list(error.reasons)
        else:
            messages.success(request, _("Signed for the association; the volunteer has been told."))
            return _to_contract(contract)
    return render(
        request,
        "missions/contract_sign.html",
        {
            "contract": contract,
            "version": version,
            "form": form,
            "reasons": reasons,
            "leave_days": leave_days(version.start_on, version.end_on),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contract_amend(request: HttpRequest, pk: int) -> HttpResponse:
    """Prepare an amendment of a signed contract: a new version, a draft until offered."""
    contract = get_contract_for_admin(request.user, pk)
    form = AmendmentForm(
        request.POST or None,
        initial={
            "start_on": contract.start_on,
            "end_on": contract.end_on,
            "allowance_eur": contract.allowance_eur,
        },
        start_locked=contract.status == Contract.Status.ACTIVE,
    )
    reasons: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contract_amendments.contract_amend(
                contract=contract,
                by=request.user,
                start_on=data["start_on"],
                end_on=data["end_on"],
                allowance_eur=data["allowance_eur"],
                changes=data["changes"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        except ContractError as error:
            form.add_error(None, error.message)
            reasons = list(error.reasons)
        else:
            messages.success(
                request,
                _("Amendment prepared as a draft: check it, then offer it to the volunteer."),
            )
            return _to_contract(contract)
    return render(
        request,
        "missions/contract_form.html",
        {
            "form": form,
            "contract": contract,
            "application": contract.application,
            "mission": contract.mission,
            "reasons": reasons,
            "mode": "amend",
        },
        status=400 if request.method == "POST" else 200,
    )

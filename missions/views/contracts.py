"""Contracts: the staff's side (preparing a draft, the contract's page, its departure
and end) and the certificate. The signing moves are in ``contract_signing``, the
volunteer's pages in ``my_contracts``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volunteers.selectors import criminal_record_document
from vsi_portal.entitlements import days

from ..errors import ContractError
from ..forms import (
    ContractForm,
    CriminalRecordCheckForm,
    PrerequisitesForm,
)
from ..leave_forms import LeaveTakenForm
from ..models import Application, Contract
from ..selectors.contracts import (
    administers,
    contracts_for_staff,
    pending_version_of,
)
from ..services import contract_departure, contract_leave
from ..services import contracts as contract_services
from .applications import get_application_for_staff
from .contract_access import contract_move, get_contract_for_admin, get_contract_for_staff
from .contract_ends import end_actions

# --- Contracts: the staff's side ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def contract_create(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application_for_staff(request.user, pk)
    if not administers(request.user, application.mission.association_id):
        raise Http404(_("No contract to prepare at this address."))
    existing = getattr(application, "contract", None)
    if existing is not None:
        return redirect("missions:contract_detail", pk=existing.pk)
    if application.status != Application.Status.ACCEPTED:
        messages.error(request, _("A contract is made only from an accepted application."))
        return redirect("missions:application_detail", pk=application.pk)
    mission = application.mission
    form = ContractForm(
        request.POST or None,
        initial={
            "start_on": mission.start_on,
            "end_on": mission.end_on,
            "allowance_eur": mission.allowance_eur,
        },
    )
    reasons: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            contract = contract_services.contract_create(
                application=application, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        except ContractError as error:
            form.add_error(None, error.message)
            reasons = list(error.reasons)
        else:
            messages.success(
                request, _("Draft prepared: check it, then offer it to the volunteer to sign.")
            )
            return redirect("missions:contract_detail", pk=contract.pk)
    return render(
        request,
        "missions/contract_form.html",
        {
            "form": form,
            "application": application,
            "mission": mission,
            "reasons": reasons,
            "mode": "prepare",
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def contracts_manage(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "missions/contracts.html",
        {"contracts": list(contracts_for_staff(request.user))},
    )


def _contract_page(
    request: HttpRequest,
    contract: Contract,
    *,
    prerequisites_form=None,
    criminal_record_form=None,
    leave_form=None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    is_admin = administers(request.user, contract.association_id)
    # Editors see whether the checklist is complete, never the criminal record.
    extract = criminal_record_document(contract.volunteer) if is_admin else None
    return render(
        request,
        "missions/contract_detail.html",
        {
            "contract": contract,
            "today": today,
            "missing": contract.missing_prerequisites(),
            "is_contract_admin": is_admin,
            # The early end's explanation may tell of health or family: administrators only.
            "hide_end_explanation": not is_admin,
            "criminal_record": extract,
            "prerequisites_form": prerequisites_form
            or PrerequisitesForm(
                initial={
                    "social_security_affiliated_on": contract.social_security_affiliated_on,
                    "insurance_reference": contract.insurance_reference,
                    "training_completed_on": contract.training_completed_on,
                }
            ),
            "criminal_record_form": criminal_record_form
            or CriminalRecordCheckForm(
                initial={"extract_uploaded_at": extract.uploaded_at if extract else None}
            ),
            "leave_form": leave_form
            or (
                LeaveTakenForm(
                    contract=contract, initial={"leave_days_taken": contract.leave_days_taken}
                )
                if contract.status in contract_leave.LEAVE_STATUSES
                else None
            ),
            "end": end_actions(contract, today=today),
            "can_activate": contract.status == Contract.Status.PLANNED
            and today >= contract.start_on,
            # The planned length and the days served so far, apart (a running contract has
            # served only part of its length).
            "planned_days": days(contract.planned_period),
            "served_so_far": contract.days_served(today=timezone.localdate()),
            "versions": list(contract.versions.all()),
            "pending": pending_version_of(contract),
        },
        status=status,
    )


@login_required
@require_GET
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _contract_page(request, get_contract_for_staff(request.user, pk))


@login_required
@require_POST
def contract_prerequisites(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_contract_for_admin(request.user, pk)
    form = PrerequisitesForm(request.POST)
    if form.is_valid():
        try:
            contract_departure.contract_record_prerequisites(
                contract=contract, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        except ContractError as error:
            messages.error(request, error.message)
            return redirect("missions:contract_detail", pk=contract.pk)
        else:
            messages.success(request, _("Departure checklist saved."))
            return redirect("missions:contract_detail", pk=contract.pk)
    return _contract_page(request, contract, prerequisites_form=form, status=400)


@login_required
@require_POST
def contract_criminal_record(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_contract_for_admin(request.user, pk)
    form = CriminalRecordCheckForm(request.POST)
    if not form.is_valid():
        return _contract_page(request, contract, criminal_record_form=form, status=400)
    try:
        contract_departure.contract_record_criminal_record_check(
            contract=contract,
            by=request.user,
            outcome=form.cleaned_data["outcome"],
            extract_uploaded_at=form.cleaned_data["extract_uploaded_at"],
        )
    except ContractError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Criminal record check recorded; the extract's file has been deleted.")
        )
    return redirect("missions:contract_detail", pk=contract.pk)


@login_required
@require_POST
def contract_activate(request: HttpRequest, pk: int) -> HttpResponse:
    return contract_move(
        request,
        pk,
        contract_departure.contract_activate,
        _("The contract is under way; the volunteer has been told."),
    )


@login_required
@require_POST
def contract_leave_taken(request: HttpRequest, pk: int) -> HttpResponse:
    """The days of leave the volunteer has taken so far (administrators)."""
    contract = get_contract_for_admin(request.user, pk)
    form = LeaveTakenForm(request.POST, contract=contract)
    if form.is_valid():
        try:
            contract_leave.contract_record_leave_taken(
                contract=contract,
                by=request.user,
                days_taken=form.cleaned_data["leave_days_taken"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except ContractError as error:
            messages.error(request, error.message)
            return redirect("missions:contract_detail", pk=contract.pk)
        else:
            messages.success(request, _("Leave taken saved."))
            return redirect("missions:contract_detail", pk=contract.pk)
    return _contract_page(request, contract, leave_form=form, status=400)

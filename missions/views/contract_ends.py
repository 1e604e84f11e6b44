"""The end of a contract and its certificate: the staff's and the volunteer's notice, its
withdrawal, the completion, the certificate (issue, download) and the public page where
anyone checks a certificate's code.

Every move is a POST by someone signed in, redirected with a message; the irreversible
ones (completion, certificate) and the notice are confirmed on a page of their own first
(its GET). Each lookup is scoped to who asks: 404 for anyone else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vsi_portal.entitlements import earliest_end_after_notice
from vsi_portal.formats import format_day
from vsi_portal.security.downloads import private_download

from ..certificate import (
    certificate_filename,
    certificate_pdf,
    normalise_certificate_code,
    served_days,
)
from ..errors import ContractError
from ..forms import CertificateIssueForm, CertificateVerifyForm, EndEarlyForm, VolunteerNoticeForm
from ..models import Contract
from ..selectors.contracts import (
    certificate_by_code,
    contract_for_certificate,
)
from ..services import contract_ends
from .contract_access import flash_refusal, get_contract_for_admin, get_contract_for_owner

# Per address (allauth's counter, in the rate-limit cache): a person checking certificates
# types a handful of codes; nobody needs more.
VERIFY_RATE_LIMITS = {"certificate_verify": "10/m/ip,60/h/ip"}


@dataclass(frozen=True)
class EndActions:
    """What the end partials may offer on a contract today (the services' own tests)."""

    notice_running: bool
    can_give_notice: bool
    can_withdraw_notice: bool
    can_complete: bool
    can_issue_certificate: bool
    certificate_from: date | None


def end_actions(contract: Contract, *, today: date) -> EndActions:
    """For ``_contract_end.html`` and ``_my_contract_end.html``: the contract pages put it
    in their context as ``end``."""
    over = contract.status in (Contract.Status.COMPLETED, Contract.Status.ENDED_EARLY)
    return EndActions(
        notice_running=contract_ends.notice_running(contract),
        can_give_notice=contract_ends.may_give_notice(contract),
        can_withdraw_notice=contract_ends.may_withdraw_notice(contract, today),
        can_complete=contract_ends.may_complete(contract, today),
        can_issue_certificate=contract_ends.may_issue_certificate(contract, today),
        certificate_from=contract_ends.certificate_from(contract) if over else None,
    )


def _staff_page(contract: Contract):
    return redirect("missions:contract_detail", pk=contract.pk)


def _volunteer_page(contract: Contract):
    return redirect("missions:my_contract", pk=contract.pk)


def _form_page(request: HttpRequest, contract: Contract, *, status: int = 200, **context):
    return render(
        request,
        "missions/contract_end_form.html",
        {"contract": contract, **context},
        status=status,
    )


# --- The staff's side -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def contract_give_notice(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_contract_for_admin(request.user, pk)
    if not contract_ends.may_give_notice(contract):
        messages.error(request, _("Notice cannot be given on this contract."))
        return _staff_page(contract)
    today = timezone.localdate()
    form = EndEarlyForm(request.POST or None, initial={"notice_given_on": today})
    if request.method == "POST" and form.is_valid():
        try:
            contract_ends.contract_give_notice(
                contract=contract,
                by=request.user,
                side=Contract.Side.ASSOCIATION,
                today=today,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        except ContractError as error:
            flash_refusal(request, error)
            return _staff_page(contract)
        else:
            messages.success(
                request,
                _("Notice recorded: the contract goes on until its last day; both sides are told."),
            )
            return _staff_page(contract)
    notice = today
    if form.is_bound and form.is_valid():
        notice = form.cleaned_data["notice_given_on"]
    return _form_page(
        request,
        contract,
        form=form,
        kind="notice",
        earliest_end=earliest_end_after_notice(notice),
        notice=notice,
        back=reverse("missions:contract_detail", kwargs={"pk": contract.pk}),
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def contract_withdraw_notice(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_contract_for_admin(request.user, pk)
    try:
        contract_ends.contract_withdraw_notice(contract=contract, by=request.user)
    except ContractError as error:
        flash_refusal(request, error)
    else:
        messages.success(request, _("Notice withdrawn: the contract goes on to its planned end."))
    return _staff_page(contract)


@login_required
@require_http_methods(["GET", "POST"])
def contract_complete(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_contract_for_admin(request.user, pk)
    if request.method == "POST":
        try:
            contract_ends.contract_complete(contract=contract, by=request.user)
        except ContractError as error:
            flash_refusal(request, error)
        else:
            messages.success(
                request,
                _("Contract completed; issue the certificate of completion from tomorrow on."),
            )
        return _staff_page(contract)
    if not contract_ends.may_complete(contract, timezone.localdate()):
        messages.error(request, _("This contract cannot be completed today."))
        return _staff_page(contract)
    return _form_page(
        request,
        contract,
        kind="complete",
        back=reverse("missions:contract_detail", kwargs={"pk": contract.pk}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def contract_issue_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_contract_for_admin(request.user, pk)
    today = timezone.localdate()
    if not contract_ends.may_issue_certificate(contract, today):
        if contract.certificate_issued_at:
            messages.error(request, _("The certificate of completion has already been issued."))
        else:
            from_day = contract_ends.certificate_from(contract)
            messages.error(
                request,
                _(
                    "The certificate is issued once the contract is over, from the day after "
                    "its last day (%(date)s)."
                )
                % {"date": format_day(from_day)},
            )
        return _staff_page(contract)
    form = CertificateIssueForm(
        request.POST or None,
        initial={
            "place": contract.association.city,
            "signatory_name": request.user.full_name,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            contract_ends.contract_issue_certificate(
                contract=contract, by=request.user, today=today, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        except ContractError as error:
            flash_refusal(request, error)
            return _staff_page(contract)
        else:
            messages.success(
                request, _("Certificate of completion issued; the volunteer has been told.")
            )
            return _staff_page(contract)
    return _form_page(
        request,
        contract,
        form=form,
        kind="certificate",
        served_days=served_days(contract),
        back=reverse("missions:contract_detail", kwargs={"pk": contract.pk}),
        status=400 if request.method == "POST" else 200,
    )


# --- The volunteer's side -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def my_contract_give_notice(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_contract_for_owner(request.user, pk)
    if not contract_ends.may_give_notice(contract):
        messages.error(request, _("Notice cannot be given on this contract."))
        return _volunteer_page(contract)
    today = timezone.localdate()
    form = VolunteerNoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contract_ends.contract_give_notice(
                contract=contract,
                by=request.user,
                side=Contract.Side.VOLUNTEER,
                notice_given_on=today,
                today=today,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        except ContractError as error:
            flash_refusal(request, error)
            return _volunteer_page(contract)
        else:
            messages.success(
                request,
                _(
                    "Your notice is recorded: your contract goes on until your last day. Your "
                    "association has been told."
                ),
            )
            return _volunteer_page(contract)
    return _form_page(
        request,
        contract,
        form=form,
        kind="volunteer_notice",
        earliest_end=earliest_end_after_notice(today),
        notice=today,
        back=reverse("missions:my_contract", kwargs={"pk": contract.pk}),
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def my_contract_withdraw_notice(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_contract_for_owner(request.user, pk)
    try:
        contract_ends.contract_withdraw_notice(contract=contract, by=request.user)
    except ContractError as error:
        flash_refusal(request, error)
    else:
        messages.success(request, _("Your notice is withdrawn: your contract goes on."))
    return _volunteer_page(contract)


# --- The certificate: download, and the public verification page ---------------------------


@login_required
@require_GET
def contract_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """The certificate's PDF, for the volunteer and the association's staff."""
    contract = contract_for_certificate(request.user, pk)
    if contract is None or not contract.certificate_issued_at:
        raise Http404(_("No certificate at this address."))
    response = HttpResponse(certificate_pdf(contract), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(contract)}"'
    return private_download(response)


@require_GET
def certificate_verify(request: HttpRequest) -> HttpResponse:
    """Anyone (an employer, France Travail) checks a certificate's code: the volunteer's name,
    the association, the country and the dates, nothing more. An unknown code gets the same
    page with "no certificate with this code". Each check counts against the address's
    limit (429 past it); never indexed."""
    form = CertificateVerifyForm(request.GET if "code" in request.GET else None)
    checked = False
    contract = None
    if form.is_bound:
        limited = ratelimit.consume_or_429(
            request, action="certificate_verify", config=VERIFY_RATE_LIMITS, limit_get=True
        )
        if limited is not None:
            limited["X-Robots-Tag"] = "noindex, nofollow"
            return limited
        if form.is_valid():
            checked = True
            contract = certificate_by_code(normalise_certificate_code(form.cleaned_data["code"]))
    response = render(
        request,
        "missions/certificate_verify.html",
        {"form": form, "checked": checked, "certificate": contract},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response

"""The volunteer's space: dashboard, profile, prior missions, documents, My VSI."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from missions.errors import ContractError
from missions.models import Contract
from missions.selectors.applications import document_viewable_by
from missions.selectors.candidates import volunteer_ledger
from missions.selectors.my_vsi import my_vsi_for, volunteer_for_my_vsi
from missions.selectors.searchers import missing_fact_labels
from missions.services.aids import insertion_premium_mark_requested
from vsi_portal.confirmation import Confirmation, confirmation_page
from vsi_portal.entitlements import INSERTION_PREMIUM_MAX_EUR, INSERTION_PREMIUM_MAX_INSTALMENTS
from vsi_portal.security.downloads import stored_file_download
from vsi_portal.security.models import AuditEvent
from vsi_portal.security.services import audit_record

from . import selectors, services
from .errors import VolunteerError
from .forms import (
    DocumentUploadForm,
    PremiumRequestedForm,
    PriorMissionForm,
    ProfileForm,
)
from .models import Document, PriorMission, Volunteer


def _get_prior_mission_for_user(user, pk: int) -> PriorMission:
    return get_object_or_404(PriorMission, pk=pk, volunteer__user=user)


def _get_own_document_for_user(user, pk: int) -> Document:
    return get_object_or_404(Document, pk=pk, volunteer__user=user)


def _get_document_for_user(user, pk: int) -> Document:
    """A document the person may download; 404 for anyone else (its existence stays hidden)."""
    document = get_object_or_404(Document.objects.select_related("volunteer"), pk=pk)
    if not document_viewable_by(document, user):
        raise Http404
    return document


# --- Dashboard and profile ---------------------------------------------------------------


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    volunteer = selectors.volunteer_for_user(request.user)
    documents = list(selectors.documents_for_volunteer(volunteer))
    has_cv = any(document.kind == Document.Kind.CV for document in documents)
    return render(
        request,
        "volunteers/dashboard.html",
        {
            "volunteer": volunteer,
            "completeness": selectors.profile_completeness(volunteer, has_cv=has_cv),
            "ledger": volunteer_ledger(volunteer),
            "documents": documents,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    volunteer = selectors.volunteer_for_user(request.user)
    form = ProfileForm(request.POST or None, instance=volunteer)
    if request.method == "POST" and form.is_valid():
        try:
            services.volunteer_update_profile(user=request.user, data=form.cleaned_data)
        except VolunteerError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("volunteers:dashboard")
    # What the rules still need, listed above the form (where login leads such a profile).
    missing = selectors.volunteer_missing_facts(volunteer or Volunteer(user=request.user))
    return render(
        request,
        "volunteers/profile_form.html",
        {"form": form, "missing_facts": missing_fact_labels(missing)},
    )


# --- Prior missions ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def prior_mission_list(request: HttpRequest) -> HttpResponse:
    """The declared prior missions, and the form to add one."""
    volunteer = selectors.volunteer_for_user(request.user)
    form = PriorMissionForm(request.POST or None, submit_label=_("Add this mission"))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # no empty profile is left behind on a refusal
                volunteer = services.volunteer_get_or_create(user=request.user)
                services.prior_mission_create(volunteer=volunteer, **form.cleaned_data)
        except VolunteerError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The mission has been added."))
            _warn_overlaps(request, volunteer)
            return redirect("volunteers:prior_missions")
    # Read from the prefetch of volunteer_for_user: the ledger uses the same rows.
    prior_missions = list(volunteer.prior_missions.all()) if volunteer else []
    for prior_mission in prior_missions:
        prior_mission.delete_confirmation = _prior_mission_delete_confirmation(prior_mission)
    return render(
        request,
        "volunteers/prior_missions.html",
        {
            "form": form,
            "prior_missions": prior_missions,
            "overlapping": selectors.overlapping_prior_mission_ids(prior_missions),
            "ledger": volunteer_ledger(volunteer),
        },
    )


def _warn_overlaps(request: HttpRequest, volunteer) -> None:
    prior_missions = list(selectors.prior_missions_for_volunteer(volunteer))
    if selectors.overlapping_prior_mission_ids(prior_missions):
        messages.warning(
            request,
            _(
                "Some of your missions share days. Check their dates: shared days count "
                "only once toward the 6-year limit."
            ),
        )


@require_http_methods(["GET", "POST"])
@login_required
def prior_mission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    prior_mission = _get_prior_mission_for_user(request.user, pk)
    form = PriorMissionForm(request.POST or None, instance=prior_mission)
    if request.method == "POST" and form.is_valid():
        try:
            services.prior_mission_update(prior_mission=prior_mission, **form.cleaned_data)
        except VolunteerError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The mission has been updated."))
            _warn_overlaps(request, prior_mission.volunteer)
            return redirect("volunteers:prior_missions")
    return render(
        request,
        "volunteers/prior_mission_form.html",
        {"form": form, "prior_mission": prior_mission},
    )


def _prior_mission_delete_confirmation(prior_mission: PriorMission) -> Confirmation:
    return Confirmation(
        question=_("Remove your mission with %(association)s?")
        % {"association": prior_mission.association_name},
        consequence=_(
            "Its days no longer count toward the 6-year limit on this portal. Declare it "
            "again if you removed it by mistake."
        ),
        action=_("Remove"),
        cancel_url=reverse("volunteers:prior_missions"),
        danger=True,
    )


@require_http_methods(["GET", "POST"])
@login_required
def prior_mission_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks first; POST removes the declared mission."""
    prior_mission = _get_prior_mission_for_user(request.user, pk)
    if request.method == "GET":
        return confirmation_page(request, _prior_mission_delete_confirmation(prior_mission))
    services.prior_mission_delete(prior_mission=prior_mission)
    messages.success(request, _("The mission has been removed."))
    return redirect("volunteers:prior_missions")


# --- Documents ---------------------------------------------------------------------------


def _upload_forms(bound: DocumentUploadForm | None = None) -> dict[str, DocumentUploadForm]:
    forms = {
        kind: DocumentUploadForm(
            kind=kind, action=reverse("volunteers:document_upload", kwargs={"kind": kind})
        )
        for kind in Document.Kind.values
    }
    if bound is not None:
        forms[bound.kind] = bound
    return forms


def _documents_page(request: HttpRequest, bound=None, status: int = 200) -> HttpResponse:
    volunteer = selectors.volunteer_for_user(request.user)
    documents = {
        document.kind: document for document in selectors.documents_for_volunteer(volunteer)
    }
    forms = _upload_forms(bound)
    sections = [
        {
            "kind": kind,
            "label": label,
            "document": documents.get(kind),
            "form": forms[kind],
            "delete_confirmation": _document_delete_confirmation(label),
        }
        for kind, label in Document.Kind.choices
    ]
    context = {
        "sections": sections,
        "unchecked_extract_days": settings.RETENTION_UNCHECKED_CRIMINAL_RECORD_DAYS,
    }
    return render(request, "volunteers/documents.html", context, status=status)


@require_GET
@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    return _documents_page(request)


@require_POST
@login_required
def document_upload(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in Document.Kind.values:
        raise Http404
    form = DocumentUploadForm(
        request.POST,
        request.FILES,
        kind=kind,
        action=reverse("volunteers:document_upload", kwargs={"kind": kind}),
    )
    if form.is_valid():
        try:
            with transaction.atomic():  # no empty profile is left behind on a refusal
                volunteer = services.volunteer_get_or_create(user=request.user)
                services.document_upload(
                    volunteer=volunteer, kind=kind, upload=form.cleaned_data["file"]
                )
        except VolunteerError as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, _("Your document has been saved."))
            return redirect("volunteers:documents")
    return _documents_page(request, bound=form)


@require_GET
@login_required
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    document = _get_document_for_user(request.user, pk)
    if not document.file:
        raise Http404
    response = stored_file_download(
        document.file, filename=document.original_name, content_type=document.content_type
    )
    audit_record(
        actor=request.user,
        action=(
            AuditEvent.Action.CRIMINAL_RECORD_VIEWED
            if document.kind == "criminal_record"
            else AuditEvent.Action.DOCUMENT_DOWNLOADED
        ),
        subject=document,
        details={"kind": document.kind, "by_owner": document.volunteer.user_id == request.user.pk},
        request=request,
    )
    return response


def _document_delete_confirmation(label: str) -> Confirmation:
    return Confirmation(
        question=_("Delete your document “%(document)s”?") % {"document": label},
        consequence=_(
            "The file is deleted for good; the associations you applied to no longer see it. "
            "You can send it again afterwards."
        ),
        action=_("Delete"),
        cancel_url=reverse("volunteers:documents"),
        danger=True,
    )


@require_http_methods(["GET", "POST"])
@login_required
def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks first; POST deletes the document."""
    document = _get_own_document_for_user(request.user, pk)
    if request.method == "GET":
        return confirmation_page(
            request, _document_delete_confirmation(document.get_kind_display())
        )
    services.document_delete(document=document)
    messages.success(request, _("The document has been deleted."))
    return redirect("volunteers:documents")


# --- My VSI --------------------------------------------------------------------------------


def _get_own_contract_for_user(user, pk: int) -> Contract:
    """One of the person's own contracts; 404 for anyone else (staff included)."""
    return get_object_or_404(Contract, pk=pk, volunteer__user=user)


def _my_vsi_page(request: HttpRequest, *, premium_form=None, status: int = 200) -> HttpResponse:
    volunteer = volunteer_for_my_vsi(request.user)
    today = timezone.localdate()
    vsi = my_vsi_for(volunteer, today=today)
    if premium_form is None and vsi.ended and not vsi.ended.premium.requested_on:
        premium_form = PremiumRequestedForm(
            initial={"requested_on": today},
            action=reverse("volunteers:premium_requested", args=[vsi.ended.contract.pk]),
        )
    return render(
        request,
        "volunteers/my_vsi.html",
        {
            "volunteer": volunteer,
            "vsi": vsi,
            "today": today,
            "premium_form": premium_form,
            "premium_max_eur": INSERTION_PREMIUM_MAX_EUR,
            "premium_instalments": INSERTION_PREMIUM_MAX_INSTALMENTS,
        },
        status=status,
    )


@require_GET
@login_required
def my_vsi(request: HttpRequest) -> HttpResponse:
    return _my_vsi_page(request)


@require_POST
@login_required
def premium_requested(request: HttpRequest, pk: int) -> HttpResponse:
    """ "I have requested the insertion premium": records it, which stops its reminders."""
    contract = _get_own_contract_for_user(request.user, pk)
    form = PremiumRequestedForm(
        request.POST, action=reverse("volunteers:premium_requested", args=[contract.pk])
    )
    if form.is_valid():
        try:
            insertion_premium_mark_requested(
                contract=contract, by=request.user, on=form.cleaned_data["requested_on"]
            )
        except ContractError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Noted: you requested the insertion premium. Its deadline reminders stop."),
            )
            return redirect("volunteers:my_vsi")
    return _my_vsi_page(request, premium_form=form, status=400)

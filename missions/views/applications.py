"""Applications: the volunteer applies and withdraws; the staff review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volunteers.selectors import cv_document
from vsi_portal.confirmation import Confirmation, confirmation_page

from ..errors import ApplicationError, MissionError
from ..forms import (
    ApplicationForm,
    RejectForm,
    WithdrawForm,
)
from ..models import Application, Mission
from ..models.conversations import Side
from ..selectors.applications import (
    application_counts,
    application_for_owner,
    application_for_staff,
    applications_for_mission,
    applications_of_user,
)
from ..selectors.candidates import (
    mission_contract,
    verdict_for,
    volunteer_ledger,
    volunteer_with_history,
)
from ..selectors.contracts import administers
from ..selectors.conversations import unread_counts
from ..selectors.searchers import MISSING_FACT_LABELS, missing_fact_labels
from ..services import applications as application_services
from .conversations import conversation_context
from .public import get_readable_mission
from .staff import get_mission_for_staff

# --- Applications: the volunteer's side ------------------------------------------------------


def _apply_page_state(mission: Mission, volunteer, *, today) -> dict:
    """What the apply page shows: closed, a wait before applying again, an incomplete
    profile, ineligible, or the form."""
    problem = application_services.mission_open_problem(mission, today=today)
    if problem:
        return {"state": "closed", "problem": problem}
    if volunteer is not None:
        wait = application_services.reapplication_problem(
            volunteer=volunteer, mission=mission, now=timezone.now()
        )
        if wait:
            return {"state": "wait", "problem": wait}
    if volunteer is None:
        return {
            "state": "incomplete",
            "missing_facts": missing_fact_labels(list(MISSING_FACT_LABELS)),
        }
    judged = verdict_for(volunteer=volunteer, contract=mission_contract(mission))
    if judged.verdict is None:
        return {"state": "incomplete", "missing_facts": missing_fact_labels(judged.missing_facts)}
    return {
        "state": "form" if judged.eligible else "ineligible",
        "reason_texts": list(judged.reason_texts),
        "warning_texts": list(judged.warning_texts),
    }


@login_required
@require_http_methods(["GET", "POST"])
def application_apply(request: HttpRequest, slug: str) -> HttpResponse:
    """The apply page. A POST goes straight to the service, which runs the rules; the page's
    state (and so the verdict) is computed only to show it."""
    mission = get_readable_mission(request.user, slug)
    today = timezone.localdate()
    volunteer = volunteer_with_history(request.user)
    if (
        volunteer is not None
        and volunteer.applications.filter(
            mission=mission, status__in=Application.OPEN_STATUSES
        ).exists()
    ):
        messages.info(request, _("You already applied to this mission: here is where it stands."))
        return redirect("missions:my_applications")
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and volunteer is not None and form.is_valid():
        try:
            application_services.application_submit(
                mission=mission,
                volunteer=volunteer,
                motivation=form.cleaned_data["motivation"],
                by=request.user,
                today=today,
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
            for reason in error.reasons:
                form.add_error(None, reason)
        else:
            messages.success(
                request, _("Application sent. The association has been told; follow it here.")
            )
            return redirect("missions:my_applications")
    context = {
        "mission": mission,
        "form": None,
        **_apply_page_state(mission, volunteer, today=today),
    }
    if context["state"] == "form":
        context["form"] = form
    status = 200 if request.method == "GET" or context["state"] == "form" else 400
    return render(request, "missions/apply.html", context, status=status)


@login_required
@require_GET
def my_applications(request: HttpRequest) -> HttpResponse:
    applications = list(applications_of_user(request.user))
    unread = unread_counts(request.user, applications, side=Side.VOLUNTEER)
    for application in applications:
        application.unread_messages = unread.get(application.pk, 0)
    return render(
        request,
        "missions/my_applications.html",
        {"applications": applications, "withdraw_form": WithdrawForm()},
    )


def _get_application_for_owner(user, pk: int) -> Application:
    application = application_for_owner(user, pk)
    if application is None:
        raise Http404(_("No application at this address."))
    return application


@login_required
@require_GET
def my_application(request: HttpRequest, pk: int) -> HttpResponse:
    """The volunteer's page of one application: where it stands, and its conversation."""
    application = _get_application_for_owner(request.user, pk)
    return render(
        request,
        "missions/my_application.html",
        {
            "application": application,
            "mission": application.mission,
            "withdraw_form": WithdrawForm(),
            **conversation_context(request, application),
        },
    )


@login_required
@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = _get_application_for_owner(request.user, pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose why you withdraw your application."))
        return redirect("missions:my_applications")
    try:
        application_services.application_withdraw(
            application=application,
            by=request.user,
            reason=form.cleaned_data["reason"],
            message=form.cleaned_data["message"],
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Application withdrawn. The association has been told."))
    return redirect("missions:my_applications")


# --- Applications: the staff's side ---------------------------------------------------------


@login_required
@require_GET
def mission_applications(request: HttpRequest, pk: int) -> HttpResponse:
    mission = get_mission_for_staff(request.user, pk)
    status = request.GET.get("status", "")
    if status not in Application.Status.values:
        status = ""
    counts = application_counts(mission)
    applications = list(applications_for_mission(mission, status=status))
    unread = unread_counts(request.user, applications, side=Side.ASSOCIATION)
    for application in applications:
        application.unread_messages = unread.get(application.pk, 0)
    return render(
        request,
        "missions/applications.html",
        {
            "mission": mission,
            "applications": applications,
            "status": status,
            "counts": [
                (value, label, counts[value]) for value, label in Application.Status.choices
            ],
            "total": sum(counts.values()),
            "accepted": counts[Application.Status.ACCEPTED],
        },
    )


def get_application_for_staff(user, pk: int) -> Application:
    """An application to one of the user's associations' missions; 404 for anyone else."""
    application = application_for_staff(user, pk)
    if application is None:
        raise Http404(_("No application at this address."))
    return application


def _application_page(request: HttpRequest, application: Application, *, reject_form=None):
    mission = application.mission
    volunteer = application.volunteer
    judged = None
    if volunteer is not None:
        judged = verdict_for(volunteer=volunteer, contract=mission_contract(mission))
    spoken = {language.code for language in volunteer.languages.all()} if volunteer else set()
    wanted = list(mission.languages.all())
    accepted = mission.applications.accepted().count()
    return render(
        request,
        "missions/application_detail.html",
        {
            "application": application,
            "mission": mission,
            "volunteer": volunteer,
            "verdict": judged.verdict if judged else None,
            "reason_texts": list(judged.reason_texts) if judged else [],
            "warning_texts": list(judged.warning_texts) if judged else [],
            "missing_facts": missing_fact_labels(judged.missing_facts) if judged else [],
            "languages_wanted": [(language, language.code in spoken) for language in wanted],
            "ledger": volunteer_ledger(volunteer) if volunteer else None,
            "cv": cv_document(volunteer),
            "reject_form": reject_form or RejectForm(),
            "accepted": accepted,
            "places_left": max(0, mission.places - accepted),
            "accept_confirmation": accept_confirmation(application),
            # A submitted application closes on this day if nobody answers it.
            "closes_on": application.closes_on(),
            "days_left": application.days_left_to_answer(timezone.localdate()),
            "contract": getattr(application, "contract", None),
            # Only administrators prepare contracts (docs/security.md, the role matrix).
            "can_sign_contracts": administers(request.user, mission.association_id),
            **conversation_context(request, application),
        },
    )


@login_required
@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _application_page(request, get_application_for_staff(request.user, pk))


def _application_move(request: HttpRequest, pk: int, move, success: str, **kwargs) -> HttpResponse:
    application = get_application_for_staff(request.user, pk)
    try:
        move(application=application, by=request.user, **kwargs)
    except MissionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("missions:application_detail", pk=application.pk)


@login_required
@require_POST
def application_shortlist(request: HttpRequest, pk: int) -> HttpResponse:
    return _application_move(
        request,
        pk,
        application_services.application_shortlist,
        _("Application shortlisted; the volunteer has been told."),
    )


def accept_confirmation(application: Application) -> Confirmation:
    return Confirmation(
        question=_("Accept this application?"),
        consequence=_(
            "The volunteer is told at once, and you then prepare their contract. An accepted "
            "application cannot be turned down afterwards."
        ),
        action=_("Accept"),
        cancel_url=reverse("missions:application_detail", kwargs={"pk": application.pk}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks first; POST accepts."""
    if request.method == "GET":
        application = get_application_for_staff(request.user, pk)
        return confirmation_page(request, accept_confirmation(application))
    return _application_move(
        request,
        pk,
        application_services.application_accept,
        _("Application accepted; the volunteer has been told. Now prepare the contract."),
    )


@login_required
@require_POST
def application_reject(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application_for_staff(request.user, pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _application_page(request, application, reject_form=form)
    return _application_move(
        request,
        pk,
        application_services.application_reject,
        _("The volunteer has been told that their application is not retained."),
        reason=form.cleaned_data["reason"],
        message=form.cleaned_data["message"],
    )

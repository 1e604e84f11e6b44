"""Thin views: the public search and mission page, saved missions, and the staff space."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volunteers.selectors import candidate_for, volunteer_ledger, volunteer_missing_facts
from volunteers.services import volunteer_get_or_create
from vsi_portal.eligibility import check
from vsi_portal.entitlements import (
    earliest_end_after_notice,
    leave_days,
    pension_quarters,
    reaches_twelve_months,
    whole_months,
)
from vsi_portal.explanations import explain_verdict

from . import search_cache, selectors, services
from .certificate import certificate_pdf
from .errors import ApplicationError, ContractError, MissionError
from .forms import (
    ApplicationForm,
    ContractForm,
    CriminalRecordCheckForm,
    EndEarlyForm,
    MissionCreateForm,
    MissionForm,
    PrerequisitesForm,
    RejectForm,
    SearchForm,
    WithdrawForm,
)
from .models import Application, Contract, Mission
from .regions import Region

# --- Public search -----------------------------------------------------------------------


def _format_date(day) -> str:
    return date_format(day, "DATE_FORMAT")


MISSING_FACT_LABELS = {
    "birth_date": gettext_lazy("your birth date"),
    "nationalities": gettext_lazy("your nationalities"),
    "residence": gettext_lazy("your country of residence"),
    "leave_dates": gettext_lazy("the dates of your leave"),
}


def _missing_labels(facts: list[str]) -> list[str]:
    return [str(MISSING_FACT_LABELS.get(fact, fact)) for fact in facts]


# The search's own parameters: a page asked with others is computed, not shared.
SHAREABLE_PARAMETERS = {*SearchForm.base_fields, "page"}


def _shared_search_page_parts(request: HttpRequest) -> tuple | None:
    """What an anonymous visitor's search page depends on; None when it is their own
    (signed in, a message waiting for them) or not a plain search (a parameter the search
    does not know, e.g. a campaign tag: computed, not kept, so that the cache holds the
    search's own questions only)."""
    if request.user.is_authenticated or len(messages.get_messages(request)):
        return None
    if not set(request.GET) <= SHAREABLE_PARAMETERS:
        return None
    return (get_language(), request.get_full_path(), timezone.localdate())


@require_GET
def mission_search(request: HttpRequest) -> HttpResponse:
    """The public search. An anonymous visitor's page is shared: the same question asked
    lately is answered from the cache (``missions.search_cache``), their own CSRF token
    put in the place of a random marker."""
    parts = _shared_search_page_parts(request)
    if parts is None:
        return _search_page(request)

    def shared_page() -> tuple[str, str]:
        marker = f"csrf-{secrets.token_urlsafe(24)}"
        return marker, _search_page(request, csrf_marker=marker).content.decode()

    marker, html = search_cache.cached("page", parts, shared_page)
    return HttpResponse(html.replace(marker, get_token(request)))


def _search_page(request: HttpRequest, *, csrf_marker: str = "") -> HttpResponse:
    form = SearchForm(request.GET or None)
    values = form.valid_values() if form.is_bound else {}
    filters = selectors.SearchFilters(
        q=(values.get("q") or "").strip(),
        countries=tuple(values.get("country") or ()),
        regions=tuple(values.get("region") or ()),
        domains=tuple(values.get("domain") or ()),
        start_from=values.get("start_from"),
        start_to=values.get("start_to"),
        duration_min=values.get("duration_min"),
        duration_max=values.get("duration_max"),
        allowance_min=values.get("allowance_min"),
        language=values.get("language") or "",
        sort=values.get("sort") or "",
    )
    candidate = None
    eligibility_notice = ""
    missing_facts: list[str] = []
    if values.get("eligible"):
        volunteer = selectors.volunteer_with_history(request.user)
        if not request.user.is_authenticated:
            eligibility_notice = "sign_in"
        elif volunteer is None or volunteer_missing_facts(volunteer):
            eligibility_notice = "incomplete"
            missing_facts = _missing_labels(volunteer_missing_facts(volunteer) if volunteer else [])
        else:
            candidate = candidate_for(volunteer)
    page, sort = selectors.search_page(
        filters, request.GET.get("page"), today=timezone.localdate(), candidate=candidate
    )
    query = request.GET.copy()
    query.pop("page", None)
    has_filters = any(
        key != "sort" and value for key, value in request.GET.lists() if key != "page"
    )
    return render(
        request,
        "missions/search.html",
        {
            "form": form,
            "page": page,
            "sort": sort,
            "querystring": query.urlencode(),
            "has_filters": has_filters,
            "eligibility_notice": eligibility_notice,
            "missing_facts": missing_facts,
            "filtering_eligible": candidate is not None,
            **({"csrf_token": csrf_marker} if csrf_marker else {}),
        },
    )


# --- Mission page ------------------------------------------------------------------------


def _mission_page(request: HttpRequest, mission: Mission, *, preview: bool) -> HttpResponse:
    today = timezone.localdate()
    volunteer = selectors.volunteer_with_history(request.user)
    verdict = explanations = None
    missing: list[str] = []
    contract = selectors.mission_contract(mission)
    if volunteer is not None:
        missing = _missing_labels(volunteer_missing_facts(volunteer))
        candidate = candidate_for(volunteer)
        if candidate is not None:
            verdict = check(candidate, contract)
            explanations = explain_verdict(
                verdict, candidate=candidate, contract=contract, format_date=_format_date
            )
    is_open = (
        mission.is_published
        and mission.association.is_approved
        and mission.application_deadline >= today
    )
    return render(
        request,
        "missions/detail.html",
        {
            "mission": mission,
            "preview": preview,
            "is_open": is_open,
            "volunteer": volunteer,
            "missing_facts": missing,
            "verdict": verdict,
            "reason_texts": [text for _code, text in explanations[: len(verdict.reasons)]]
            if verdict
            else [],
            "warning_texts": [text for _code, text in explanations[len(verdict.reasons) :]]
            if verdict
            else [],
            "leave_days": leave_days(mission.start_on, mission.end_on),
            "months": whole_months(mission.start_on, mission.end_on),
            "total_days": (mission.end_on - mission.start_on).days + 1,
            "pension_quarters": sorted(pension_quarters(mission.start_on, mission.end_on).items()),
            "opens_aids": reaches_twelve_months(mission.start_on, mission.end_on),
            "in_france": services.hosted_in_france(mission.country.code),
            "is_saved": selectors.is_saved(mission, volunteer),
            "similar": selectors.similar_missions(mission, today=today) if not preview else [],
            "region": Region,
        },
    )


@require_GET
def mission_detail(request: HttpRequest, slug: str) -> HttpResponse:
    mission = selectors.mission_for_page(slug, request.user)
    if mission is None:
        raise Http404(_("No mission at this address."))
    return _mission_page(request, mission, preview=mission.is_draft)


# --- Saved missions ----------------------------------------------------------------------


def _get_readable_mission(user, slug: str) -> Mission:
    mission = selectors.mission_for_page(slug, user)
    if mission is None or mission.is_draft:
        raise Http404(_("No mission at this address."))
    return mission


@login_required
@require_POST
def mission_save(request: HttpRequest, slug: str) -> HttpResponse:
    mission = _get_readable_mission(request.user, slug)
    volunteer = volunteer_get_or_create(user=request.user)
    services.mission_save(mission=mission, volunteer=volunteer)
    messages.success(request, _("Mission saved. Find it under “My saved missions”."))
    return redirect(mission)


@login_required
@require_POST
def mission_unsave(request: HttpRequest, slug: str) -> HttpResponse:
    mission = _get_readable_mission(request.user, slug)
    volunteer = selectors.volunteer_with_history(request.user)
    if volunteer is not None:
        services.mission_unsave(mission=mission, volunteer=volunteer)
    messages.success(request, _("Mission removed from your saved missions."))
    if request.POST.get("next") == "saved":
        return redirect("missions:saved")
    return redirect(mission)


@login_required
@require_GET
def saved_list(request: HttpRequest) -> HttpResponse:
    volunteer = selectors.volunteer_with_history(request.user)
    return render(
        request,
        "missions/saved.html",
        {"saved": selectors.saved_missions(volunteer), "today": timezone.localdate()},
    )


# --- Staff space -------------------------------------------------------------------------


def _get_mission_for_staff(user, pk: int) -> Mission:
    """One of the user's associations' missions, or 404 for anyone else."""
    mission = selectors.missions_for_staff(user).filter(pk=pk).first()
    if mission is None:
        raise Http404(_("No mission at this address."))
    return mission


@login_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    missions = list(selectors.missions_for_staff(request.user))
    groups = [
        (status, label, [m for m in missions if m.status == status])
        for status, label in Mission.Status.choices
    ]
    return render(
        request,
        "missions/manage.html",
        {
            "groups": groups,
            "can_create": selectors.associations_for_publishing(request.user).exists(),
            "today": timezone.localdate(),
        },
    )


def _form_error(form, error: ValidationError) -> None:
    form.add_error(None, error)


@login_required
@require_http_methods(["GET", "POST"])
def mission_create(request: HttpRequest) -> HttpResponse:
    associations = selectors.associations_for_publishing(request.user)
    if not associations.exists():
        raise Http404(_("You are not on the staff of an approved association."))
    form = MissionCreateForm(request.POST or None, associations=associations)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        association = data.pop("association")
        languages = data.pop("languages")
        try:
            mission = services.mission_create(
                association=association, by=request.user, data=data, languages=languages
            )
        except ValidationError as error:
            _form_error(form, error)
        except MissionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Draft saved. Preview it, then publish it."))
            return redirect("missions:preview", pk=mission.pk)
    return render(request, "missions/form.html", {"form": form, "mission": None})


@login_required
@require_http_methods(["GET", "POST"])
def mission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    mission = _get_mission_for_staff(request.user, pk)
    if mission.is_closed:
        messages.error(
            request, _("A closed mission can no longer be edited: duplicate it instead.")
        )
        return redirect("missions:manage")
    form = MissionForm(request.POST or None, instance=Mission.objects.get(pk=mission.pk))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        languages = data.pop("languages")
        try:
            services.mission_update(
                mission=mission, by=request.user, data=data, languages=languages
            )
        except ValidationError as error:
            _form_error(form, error)
        except MissionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Mission saved."))
            if mission.is_draft:
                return redirect("missions:preview", pk=mission.pk)
            return redirect("missions:manage")
    return render(request, "missions/form.html", {"form": form, "mission": mission})


@login_required
@require_GET
def mission_preview(request: HttpRequest, pk: int) -> HttpResponse:
    mission = _get_mission_for_staff(request.user, pk)
    return _mission_page(request, mission, preview=True)


def _staff_move(request: HttpRequest, pk: int, move, success: str):
    mission = _get_mission_for_staff(request.user, pk)
    try:
        result = move(mission=mission, by=request.user)
    except MissionError as error:
        messages.error(request, error.message)
        return None, mission
    except ValidationError as error:
        messages.error(request, _("This mission cannot be published yet:"))
        for field, problems in error.message_dict.items():
            label = Mission._meta.get_field(field).verbose_name if field != "__all__" else ""
            for problem in problems:
                messages.error(request, f"{label}: {problem}" if label else problem)
        return None, mission
    messages.success(request, success)
    return result, mission


@login_required
@require_POST
def mission_publish(request: HttpRequest, pk: int) -> HttpResponse:
    published, mission = _staff_move(
        request, pk, services.mission_publish, _("Mission published: it is now in the search.")
    )
    if published is None and mission.is_draft:
        return redirect("missions:edit", pk=mission.pk)
    return redirect("missions:manage")


@login_required
@require_POST
def mission_close(request: HttpRequest, pk: int) -> HttpResponse:
    _staff_move(
        request,
        pk,
        services.mission_close,
        _("Mission closed: it left the search and stays readable by its link."),
    )
    return redirect("missions:manage")


@login_required
@require_POST
def mission_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    copy, _mission = _staff_move(
        request,
        pk,
        services.mission_duplicate,
        _("Copy saved as a draft: adjust it, then publish it."),
    )
    if copy is not None:
        return redirect("missions:edit", pk=copy.pk)
    return redirect("missions:manage")


# --- Applications: the volunteer's side ------------------------------------------------------


def _verdict_texts(verdict, candidate, contract) -> tuple[list[str], list[str]]:
    explanations = explain_verdict(
        verdict, candidate=candidate, contract=contract, format_date=_format_date
    )
    reasons = [text for _code, text in explanations[: len(verdict.reasons)]]
    warnings = [text for _code, text in explanations[len(verdict.reasons) :]]
    return reasons, warnings


@login_required
@require_http_methods(["GET", "POST"])
def application_apply(request: HttpRequest, slug: str) -> HttpResponse:
    mission = _get_readable_mission(request.user, slug)
    today = timezone.localdate()
    volunteer = selectors.volunteer_with_history(request.user)
    context: dict = {"mission": mission, "state": "form", "form": None}
    if volunteer is not None:
        existing = (
            Application.objects.filter(
                volunteer=volunteer, mission=mission, status__in=Application.OPEN_STATUSES
            )
            .only("pk")
            .first()
        )
        if existing is not None:
            messages.info(
                request, _("You already applied to this mission: here is where it stands.")
            )
            return redirect("missions:my_applications")
    candidate = selectors.volunteer_candidate(volunteer) if volunteer is not None else None
    problem = services.mission_open_problem(mission, today=today)
    if problem:
        context.update(state="closed", problem=problem)
    elif candidate is None:
        missing = volunteer_missing_facts(volunteer) if volunteer else list(MISSING_FACT_LABELS)
        context.update(state="incomplete", missing_facts=_missing_labels(missing))
    else:
        contract = selectors.mission_contract(mission)
        verdict = check(candidate, contract)
        reasons, warnings = _verdict_texts(verdict, candidate, contract)
        context.update(reason_texts=reasons, warning_texts=warnings)
        if not verdict.eligible:
            context["state"] = "ineligible"
        else:
            form = ApplicationForm(request.POST or None)
            context["form"] = form
            if request.method == "POST" and form.is_valid():
                try:
                    services.application_submit(
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
                        request,
                        _("Application sent. The association has been told; follow it here."),
                    )
                    return redirect("missions:my_applications")
    status = 200 if request.method == "GET" or context["state"] == "form" else 400
    return render(request, "missions/apply.html", context, status=status)


@login_required
@require_GET
def my_applications(request: HttpRequest) -> HttpResponse:
    applications = list(selectors.applications_of_user(request.user))
    return render(
        request,
        "missions/my_applications.html",
        {"applications": applications, "withdraw_form": WithdrawForm()},
    )


def _get_application_for_owner(user, pk: int) -> Application:
    application = selectors.application_for_owner(user, pk)
    if application is None:
        raise Http404(_("No application at this address."))
    return application


@login_required
@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = _get_application_for_owner(request.user, pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose why you withdraw your application."))
        return redirect("missions:my_applications")
    try:
        services.application_withdraw(
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
    mission = _get_mission_for_staff(request.user, pk)
    status = request.GET.get("status", "")
    if status not in Application.Status.values:
        status = ""
    counts = selectors.application_counts(mission)
    return render(
        request,
        "missions/applications.html",
        {
            "mission": mission,
            "applications": list(selectors.applications_for_mission(mission, status=status)),
            "status": status,
            "counts": [
                (value, label, counts[value]) for value, label in Application.Status.choices
            ],
            "total": sum(counts.values()),
            "accepted": counts[Application.Status.ACCEPTED],
        },
    )


def _get_application_for_staff(user, pk: int) -> Application:
    application = selectors.application_for_staff(user, pk)
    if application is None:
        raise Http404(_("No application at this address."))
    return application


def _application_page(request: HttpRequest, application: Application, *, reject_form=None):
    mission = application.mission
    volunteer = application.volunteer
    verdict = candidate = None
    reasons: list[str] = []
    warnings: list[str] = []
    contract = selectors.mission_contract(mission)
    if volunteer is not None:
        candidate = selectors.volunteer_candidate(volunteer)
        if candidate is not None:
            verdict = check(candidate, contract)
            reasons, warnings = _verdict_texts(verdict, candidate, contract)
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
            "verdict": verdict,
            "reason_texts": reasons,
            "warning_texts": warnings,
            "missing_facts": _missing_labels(volunteer_missing_facts(volunteer))
            if volunteer
            else [],
            "languages_wanted": [(language, language.code in spoken) for language in wanted],
            "ledger": volunteer_ledger(volunteer) if volunteer else None,
            "cv": selectors.cv_document(volunteer),
            "reject_form": reject_form or RejectForm(),
            "accepted": accepted,
            "places_left": max(0, mission.places - accepted),
            "contract": getattr(application, "contract", None),
        },
    )


@login_required
@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _application_page(request, _get_application_for_staff(request.user, pk))


def _application_move(request: HttpRequest, pk: int, move, success: str, **kwargs) -> HttpResponse:
    application = _get_application_for_staff(request.user, pk)
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
        services.application_shortlist,
        _("Application shortlisted; the volunteer has been told."),
    )


@login_required
@require_POST
def application_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _application_move(
        request,
        pk,
        services.application_accept,
        _("Application accepted; the volunteer has been told. Now prepare the contract."),
    )


@login_required
@require_POST
def application_reject(request: HttpRequest, pk: int) -> HttpResponse:
    application = _get_application_for_staff(request.user, pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _application_page(request, application, reject_form=form)
    return _application_move(
        request,
        pk,
        services.application_reject,
        _("The volunteer has been told that their application is not retained."),
        reason=form.cleaned_data["reason"],
        message=form.cleaned_data["message"],
    )


# --- Contracts: the staff's side ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def contract_create(request: HttpRequest, pk: int) -> HttpResponse:
    application = _get_application_for_staff(request.user, pk)
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
            contract = services.contract_create(
                application=application, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _form_error(form, error)
        except ContractError as error:
            form.add_error(None, error.message)
            reasons = list(error.reasons)
        else:
            messages.success(request, _("Contract signed; the volunteer has been told."))
            return redirect("missions:contract_detail", pk=contract.pk)
    return render(
        request,
        "missions/contract_form.html",
        {"form": form, "application": application, "mission": mission, "reasons": reasons},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def contracts_manage(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "missions/contracts.html",
        {"contracts": list(selectors.contracts_for_staff(request.user))},
    )


def _get_contract_for_staff(user, pk: int) -> Contract:
    contract = selectors.contract_for_staff(user, pk)
    if contract is None:
        raise Http404(_("No contract at this address."))
    return contract


def _served_days(contract: Contract) -> int:
    return (contract.last_day - contract.start_on).days + 1


def _contract_page(
    request: HttpRequest,
    contract: Contract,
    *,
    prerequisites_form=None,
    criminal_record_form=None,
    end_form=None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    notice = today
    if end_form is not None and end_form.is_bound and end_form.is_valid():
        notice = end_form.cleaned_data["notice_given_on"]
    return render(
        request,
        "missions/contract_detail.html",
        {
            "contract": contract,
            "today": today,
            "missing": services.contract_missing_prerequisites(contract),
            "criminal_record": selectors.criminal_record_document(contract.volunteer),
            "prerequisites_form": prerequisites_form
            or PrerequisitesForm(
                initial={
                    "social_security_affiliated_on": contract.social_security_affiliated_on,
                    "insurance_reference": contract.insurance_reference,
                    "training_completed_on": contract.training_completed_on,
                }
            ),
            "criminal_record_form": criminal_record_form or CriminalRecordCheckForm(),
            "end_form": end_form or EndEarlyForm(initial={"notice_given_on": today}),
            "notice": notice,
            "earliest_end": earliest_end_after_notice(notice),
            "can_activate": contract.status == Contract.Status.PLANNED
            and today >= contract.start_on,
            "can_complete": contract.status == Contract.Status.ACTIVE and today >= contract.end_on,
            "served_days": _served_days(contract),
        },
        status=status,
    )


@login_required
@require_GET
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _contract_page(request, _get_contract_for_staff(request.user, pk))


@login_required
@require_POST
def contract_prerequisites(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _get_contract_for_staff(request.user, pk)
    form = PrerequisitesForm(request.POST)
    if form.is_valid():
        try:
            services.contract_record_prerequisites(
                contract=contract, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _form_error(form, error)
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
    contract = _get_contract_for_staff(request.user, pk)
    form = CriminalRecordCheckForm(request.POST)
    if not form.is_valid():
        return _contract_page(request, contract, criminal_record_form=form, status=400)
    try:
        services.contract_record_criminal_record_check(
            contract=contract, by=request.user, outcome=form.cleaned_data["outcome"]
        )
    except ContractError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Criminal record check recorded; the extract's file has been deleted.")
        )
    return redirect("missions:contract_detail", pk=contract.pk)


def _contract_move(request: HttpRequest, pk: int, move, success: str) -> HttpResponse:
    contract = _get_contract_for_staff(request.user, pk)
    try:
        move(contract=contract, by=request.user)
    except ContractError as error:
        messages.error(request, error.message)
        for reason in error.reasons:
            messages.error(request, reason)
    else:
        messages.success(request, success)
    return redirect("missions:contract_detail", pk=contract.pk)


@login_required
@require_POST
def contract_activate(request: HttpRequest, pk: int) -> HttpResponse:
    return _contract_move(
        request,
        pk,
        services.contract_activate,
        _("The contract is under way; the volunteer has been told."),
    )


@login_required
@require_POST
def contract_complete(request: HttpRequest, pk: int) -> HttpResponse:
    return _contract_move(
        request,
        pk,
        services.contract_complete,
        _("Contract completed; the certificate of completion is issued."),
    )


@login_required
@require_POST
def contract_end_early(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _get_contract_for_staff(request.user, pk)
    form = EndEarlyForm(request.POST)
    if form.is_valid():
        try:
            services.contract_end_early(
                contract=contract,
                by=request.user,
                notice_given_on=form.cleaned_data["notice_given_on"],
                ended_on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
                explanation=form.cleaned_data["explanation"],
                compelling_reason=form.cleaned_data["compelling_reason"],
            )
        except ValidationError as error:
            _form_error(form, error)
        except ContractError as error:
            messages.error(request, error.message)
            return redirect("missions:contract_detail", pk=contract.pk)
        else:
            messages.success(
                request,
                _(
                    "Early end recorded; the certificate of completion is issued and the volunteer "
                    "has been told."
                ),
            )
            return redirect("missions:contract_detail", pk=contract.pk)
    return _contract_page(request, contract, end_form=form, status=400)


# --- Contracts: the volunteer's side and the certificate ------------------------------------


@login_required
@require_GET
def my_contract(request: HttpRequest, pk: int) -> HttpResponse:
    contract = selectors.contract_for_owner(request.user, pk)
    if contract is None:
        raise Http404(_("No contract at this address."))
    return render(
        request,
        "missions/my_contract.html",
        {
            "contract": contract,
            "leave_days": leave_days(contract.start_on, contract.last_day),
            "pension_quarters": sorted(
                pension_quarters(contract.start_on, contract.last_day).items()
            ),
            "served_days": _served_days(contract),
            "months": whole_months(contract.start_on, contract.last_day),
        },
    )


@login_required
@require_GET
def contract_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    contract = selectors.contract_for_certificate(request.user, pk)
    if contract is None or not contract.certificate_issued_at:
        raise Http404(_("No certificate at this address."))
    response = HttpResponse(certificate_pdf(contract), content_type="application/pdf")
    filename = f"vsi-certificate-{contract.certificate_number or contract.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response

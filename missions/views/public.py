"""The public side: the search, a mission page, saved missions."""

from __future__ import annotations

import secrets
from itertools import repeat

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from volunteers.answers import answers_volunteer, has_answers
from volunteers.selectors import volunteer_of
from volunteers.services import volunteer_get_or_create
from vsi_portal import search_cache
from vsi_portal.entitlements import (
    leave_days,
    pension_quarters,
    reaches_twelve_months,
    whole_months,
)

from ..eligible_switch import eligible_switch_url
from ..forms import (
    SearchForm,
)
from ..models import Mission
from ..regions import Region
from ..search_chips import active_filter_chips
from ..selectors.approval import mission_paused, paused_text
from ..selectors.candidates import (
    card_verdicts,
    mission_contract,
    verdict_for,
    volunteer_with_history,
)
from ..selectors.missions import (
    hosted_in_france,
    is_saved,
    languages_not_in_profile,
    mission_for_page,
    saved_missions,
    similar_missions,
)
from ..selectors.response import association_response_shown, response_sentence
from ..selectors.search import page_number, search_filters, search_page
from ..selectors.searchers import (
    Searcher,
    eligible_filter,
    missing_fact_labels,
    searcher_for,
)
from ..services import missions as mission_services

# --- Public search -----------------------------------------------------------------------


# The search's own parameters: a page asked with others is computed, not shared.
SHAREABLE_PARAMETERS = {*SearchForm.base_fields, "page"}


def search_key(form: SearchForm, values: dict) -> str | None:
    """The search asked, from its validated values only, one way (names in the form's
    order, several choices sorted); None when a value was refused (the page shows the
    error: computed, never kept). Parameters the form does not know, raw spellings and
    their order never change it, so no visitor can make a new cache key at will.
    ``eligible=0`` is kept apart from no ``eligible`` at all: for a candidate the first
    turns the filter off, the second leaves it on (the default)."""
    if form.errors:
        return None
    parts = []
    for name in SearchForm.base_fields:
        value = values.get(name)
        if value in (None, "") or value == []:
            continue
        if value is False and name != "eligible":
            continue
        if isinstance(value, list | tuple):
            value = ",".join(sorted(str(item) for item in value))
        parts.append(f"{name}={value}")
    return "?" + "&".join(parts)


def _shared_search_page_parts(request: HttpRequest, key: str | None) -> tuple | None:
    """What an anonymous visitor's search page depends on; None when it is their own
    (signed in, answered "Am I eligible?", a message waiting for them) or not a plain
    search (a refused value, or a parameter the search does not know, e.g. a campaign tag:
    computed, not kept, so that the cache holds the search's own questions only)."""
    if request.user.is_authenticated or len(messages.get_messages(request)):
        return None
    if has_answers(request.session):
        return None
    if key is None or not set(request.GET) <= SHAREABLE_PARAMETERS:
        return None
    return (get_language(), key, page_number(request.GET.get("page")), timezone.localdate())


@require_GET
def mission_search(request: HttpRequest) -> HttpResponse:
    """The public search. An anonymous visitor's page is shared: the same question asked
    lately is answered from the cache (``vsi_portal.search_cache``), their own CSRF token
    put in the place of a random marker. A candidate's page is their own: badges on
    every card, and "missions I can apply to" on unless the URL says ``eligible=0``."""
    if request.user.is_authenticated or has_answers(request.session):
        searcher = searcher_for(request)
    else:
        searcher = Searcher()
    is_candidate = searcher.candidate is not None
    form = SearchForm(request.GET or None, eligible_default=is_candidate)
    values = form.valid_values() if form.is_bound else {}
    key = search_key(form, values)
    parts = _shared_search_page_parts(request, key)
    if parts is None:
        return _search_page(request, form, values, key, searcher=searcher)

    def shared_page() -> tuple[str, str]:
        marker = f"csrf-{secrets.token_urlsafe(24)}"
        response = _search_page(request, form, values, key, searcher=searcher, csrf_marker=marker)
        return marker, response.content.decode()

    marker, html = search_cache.cached("page", parts, shared_page)
    return HttpResponse(html.replace(marker, get_token(request)))


def _search_page(
    request: HttpRequest,
    form: SearchForm,
    values: dict,
    key: str | None,
    *,
    searcher: Searcher,
    csrf_marker="",
) -> HttpResponse:
    filters = search_filters(values)
    candidate = searcher.candidate
    filtering, eligibility_notice = eligible_filter(searcher, values)
    page, sort = search_page(
        filters,
        request.GET.get("page"),
        today=timezone.localdate(),
        candidate=candidate if filtering else None,
    )
    verdicts = card_verdicts(candidate, page.object_list) if candidate else None
    query = request.GET.copy()
    query.pop("page", None)
    has_filters = (
        bool(form.errors)
        or filtering
        or any(
            value not in (None, "", False) and value != [] and name != "sort"
            for name, value in values.items()
        )
    )
    return render(
        request,
        "missions/search.html",
        {
            "form": form,
            "page": page,
            "cards": list(zip(page.object_list, verdicts or repeat(None), strict=False)),
            "sort": sort,
            "requested_sort": values.get("sort") or "",
            "querystring": query.urlencode(),
            "has_filters": has_filters,
            "filter_chips": active_filter_chips(form=form, values=values, query=request.GET),
            # The filters' HTML, cached: it depends on the validated values and on who
            # searches (a candidate's box is ticked by default) alone.
            "search_form_key": key,
            "searcher_kind": searcher.kind if candidate is None else "candidate",
            "eligibility_notice": eligibility_notice,
            "missing_facts": list(searcher.missing_facts),
            "filtering_eligible": filtering and candidate is not None,
            "is_candidate": candidate is not None,
            "eligible_off_url": eligible_switch_url(request.GET, on=False),
            "eligible_on_url": eligible_switch_url(request.GET, on=True),
            **({"csrf_token": csrf_marker} if csrf_marker else {}),
        },
    )


# --- Mission page ------------------------------------------------------------------------


def mission_page(request: HttpRequest, mission: Mission, *, preview: bool) -> HttpResponse:
    today = timezone.localdate()
    # The staff's preview shows what a volunteer sees, never the staff member's own verdict
    # (nor their saved missions): it judges nobody.
    volunteer = None if preview else volunteer_with_history(request.user)
    # A visitor who answered "Am I eligible?" is judged on their answers (never stored).
    judged_person = volunteer or (
        answers_volunteer(request.session) if not request.user.is_authenticated else None
    )
    judged = None
    if judged_person is not None and not preview:
        judged = verdict_for(volunteer=judged_person, contract=mission_contract(mission))
    paused = mission_paused(mission, today=today)
    return render(
        request,
        "missions/detail.html",
        {
            "mission": mission,
            "preview": preview,
            "is_open": paused is None,
            "paused_text": paused_text(mission, paused, today=today) if paused else "",
            "volunteer": volunteer,
            "missing_facts": missing_fact_labels(judged.missing_facts) if judged else [],
            "verdict": judged.verdict if judged else None,
            "reason_texts": list(judged.reason_texts) if judged else [],
            "warning_texts": list(judged.warning_texts) if judged else [],
            "leave_days": leave_days(mission.start_on, mission.end_on),
            "months": whole_months(mission.start_on, mission.end_on),
            "total_days": (mission.end_on - mission.start_on).days + 1,
            "pension_quarters": sorted(pension_quarters(mission.start_on, mission.end_on).items()),
            "opens_aids": reaches_twelve_months(mission.start_on, mission.end_on),
            "in_france": hosted_in_france(mission.country.code),
            "is_saved": is_saved(mission, volunteer),
            "languages_missing": languages_not_in_profile(mission, volunteer),
            "response_text": response_sentence(
                association_response_shown(mission.association, today=today)
            ),
            # A candidate is shown only the similar missions they can apply to.
            "similar": (
                similar_missions(
                    mission, today=today, candidate=judged.candidate if judged else None
                )
                if not preview
                else []
            ),
            "region": Region,
        },
    )


@require_GET
def mission_detail(request: HttpRequest, slug: str) -> HttpResponse:
    mission = mission_for_page(slug, request.user)
    if mission is None:
        raise Http404(_("No mission at this address."))
    return mission_page(request, mission, preview=mission.is_draft)


# --- Saved missions ----------------------------------------------------------------------


def get_readable_mission(user, slug: str) -> Mission:
    """A published or closed mission by its address; 404 for a draft or nothing."""
    mission = mission_for_page(slug, user)
    if mission is None or mission.is_draft:
        raise Http404(_("No mission at this address."))
    return mission


@login_required
@require_POST
def mission_save(request: HttpRequest, slug: str) -> HttpResponse:
    mission = get_readable_mission(request.user, slug)
    volunteer = volunteer_get_or_create(user=request.user)
    mission_services.mission_save(mission=mission, volunteer=volunteer)
    messages.success(request, _("Mission saved. Find it under “My saved missions”."))
    return redirect(mission)


@login_required
@require_POST
def mission_unsave(request: HttpRequest, slug: str) -> HttpResponse:
    mission = get_readable_mission(request.user, slug)
    volunteer = volunteer_of(request.user)
    if volunteer is not None:
        mission_services.mission_unsave(mission=mission, volunteer=volunteer)
    messages.success(request, _("Mission removed from your saved missions."))
    if request.POST.get("next") == "saved":
        return redirect("missions:saved")
    return redirect(mission)


@login_required
@require_GET
def saved_list(request: HttpRequest) -> HttpResponse:
    volunteer = volunteer_of(request.user)
    today = timezone.localdate()
    saved = [
        (entry, entry.mission.applications_paused(today=today))
        for entry in saved_missions(volunteer)
    ]
    return render(request, "missions/saved.html", {"saved": saved, "today": today})

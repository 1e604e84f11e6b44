"""The staff's missions: list, create, edit, preview, publish, close, duplicate, delete a draft.

Publishing, closing and deleting ask first (``vsi_portal.confirmation``): GET shows the
question, POST acts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vsi_portal.confirmation import Confirmation, confirmation_page

from ..errors import MissionError
from ..forms import (
    MissionCreateForm,
    MissionForm,
)
from ..models import Mission
from ..selectors.approval import (
    approval_warnings_for_staff,
    paused_advice_for_staff,
    paused_text,
    with_paused,
)
from ..selectors.conversations import unread_counts_by_mission
from ..selectors.missions import associations_for_publishing, missions_for_staff
from ..services import missions as mission_services
from .public import mission_page

# --- Staff space -------------------------------------------------------------------------


def get_mission_for_staff(user, pk: int) -> Mission:
    """One of the user's associations' missions, or 404 for anyone else."""
    mission = missions_for_staff(user).filter(pk=pk).first()
    if mission is None:
        raise Http404(_("No mission at this address."))
    return mission


@login_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    missions = with_paused(missions_for_staff(request.user), today=today)
    unread = unread_counts_by_mission(request.user, [mission.pk for mission, _p in missions])
    for mission, _paused in missions:
        mission.unread_messages = unread.get(mission.pk, 0)
        mission.confirmations = _confirmations(mission)
    groups = [
        (status, label, [(m, paused) for m, paused in missions if m.status == status])
        for status, label in Mission.Status.choices
    ]
    return render(
        request,
        "missions/manage.html",
        {
            "groups": groups,
            "can_create": associations_for_publishing(request.user).exists(),
            "today": today,
            "approval_warnings": approval_warnings_for_staff(request.user, today=today),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def mission_create(request: HttpRequest) -> HttpResponse:
    associations = associations_for_publishing(request.user)
    if not associations.exists():
        raise Http404(_("You are not on the staff of an approved association."))
    form = MissionCreateForm(request.POST or None, associations=associations)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        association = data.pop("association")
        languages = data.pop("languages")
        try:
            mission = mission_services.mission_create(
                association=association, by=request.user, data=data, languages=languages
            )
        except ValidationError as error:
            form.add_error(None, error)
        except MissionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Draft saved. Preview it, then publish it."))
            return redirect("missions:preview", pk=mission.pk)
    return render(request, "missions/form.html", {"form": form, "mission": None})


@login_required
@require_http_methods(["GET", "POST"])
def mission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    mission = get_mission_for_staff(request.user, pk)
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
            mission_services.mission_update(
                mission=mission, by=request.user, data=data, languages=languages
            )
        except ValidationError as error:
            form.add_error(None, error)
        except MissionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Mission saved."))
            if mission.is_draft:
                return redirect("missions:preview", pk=mission.pk)
            return redirect("missions:manage")
    today = timezone.localdate()
    paused = mission.applications_paused(today=today) if mission.is_published else None
    return render(
        request,
        "missions/form.html",
        {
            "form": form,
            "mission": mission,
            "paused": paused,
            "paused_text": paused_text(mission, paused, today=today) if paused else "",
            "paused_advice": paused_advice_for_staff(mission, paused, today=today)
            if paused
            else "",
        },
    )


@login_required
@require_GET
def mission_preview(request: HttpRequest, pk: int) -> HttpResponse:
    mission = get_mission_for_staff(request.user, pk)
    mission.confirmations = _confirmations(mission)
    return mission_page(request, mission, preview=True)


def _staff_move(request: HttpRequest, pk: int, move, success: str):
    mission = get_mission_for_staff(request.user, pk)
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
                messages.error(
                    request,
                    _("%(label)s: %(value)s") % {"label": label, "value": problem}
                    if label
                    else problem,
                )
        return None, mission
    messages.success(request, success)
    return result, mission


def publish_confirmation(mission: Mission) -> Confirmation:
    return Confirmation(
        question=_("Publish the mission “%(title)s”?") % {"title": mission.title},
        consequence=_(
            "It appears in the search at once and volunteers can apply. A published mission "
            "does not go back to draft: you can still edit it, or close it."
        ),
        action=_("Publish"),
        cancel_url=reverse("missions:manage"),
    )


def close_confirmation(mission: Mission) -> Confirmation:
    return Confirmation(
        question=_("Close the mission “%(title)s”?") % {"title": mission.title},
        consequence=_(
            "It leaves the search and takes no more applications; the applications already "
            "sent stay. A closed mission cannot be published again: duplicate it to offer it "
            "anew."
        ),
        action=_("Close the mission"),
        cancel_url=reverse("missions:manage"),
        danger=True,
    )


def delete_confirmation(mission: Mission) -> Confirmation:
    return Confirmation(
        question=_("Delete the draft “%(title)s”?") % {"title": mission.title},
        consequence=_("The draft is deleted for good. Nobody outside your association saw it."),
        action=_("Delete the draft"),
        cancel_url=reverse("missions:manage"),
        danger=True,
    )


def _confirmations(mission: Mission) -> dict[str, Confirmation]:
    """The questions of the buttons the mission's row shows (its state decides which)."""
    if mission.is_draft:
        return {"publish": publish_confirmation(mission), "delete": delete_confirmation(mission)}
    if mission.is_published:
        return {"close": close_confirmation(mission)}
    return {}


@login_required
@require_http_methods(["GET", "POST"])
def mission_publish(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "GET":
        mission = get_mission_for_staff(request.user, pk)
        return confirmation_page(request, publish_confirmation(mission))
    published, mission = _staff_move(
        request,
        pk,
        mission_services.mission_publish,
        _("Mission published: it is now in the search."),
    )
    if published is None and mission.is_draft:
        return redirect("missions:edit", pk=mission.pk)
    return redirect("missions:manage")


@login_required
@require_http_methods(["GET", "POST"])
def mission_close(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "GET":
        mission = get_mission_for_staff(request.user, pk)
        return confirmation_page(request, close_confirmation(mission))
    _staff_move(
        request,
        pk,
        mission_services.mission_close,
        _("Mission closed: it left the search and stays readable by its link."),
    )
    return redirect("missions:manage")


@login_required
@require_http_methods(["GET", "POST"])
def mission_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks; POST deletes the draft (any other state is refused with a message)."""
    mission = get_mission_for_staff(request.user, pk)
    if request.method == "GET":
        if not mission.is_draft:
            messages.error(
                request, _("Only a draft can be deleted: close a published mission instead.")
            )
            return redirect("missions:manage")
        return confirmation_page(request, delete_confirmation(mission))
    title = mission.title
    try:
        mission_services.mission_delete(mission=mission, by=request.user)
    except MissionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Draft “%(title)s” deleted.") % {"title": title})
    return redirect("missions:manage")


@login_required
@require_POST
def mission_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    copy, _mission = _staff_move(
        request,
        pk,
        mission_services.mission_duplicate,
        _("Copy saved as a draft: adjust it, then publish it."),
    )
    if copy is not None:
        return redirect("missions:edit", pk=copy.pk)
    return redirect("missions:manage")

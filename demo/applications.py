"""Demo applications (``data/engagements.toml``): one in each status, to published demo
missions, with their history.

Each move is made through the missions services on the day it happened (``today=``):
the volunteer applies (the rules run), the association's admin shortlists, accepts or
rejects, the volunteer withdraws, the daily scan closes one left unanswered 30 days. Runs
after the missions and the volunteers. Idempotent: an application is found by (volunteer, mission).
"""

from __future__ import annotations

from datetime import date, timedelta

from missions.models import Application, ApplicationEvent, Mission
from missions.services.application_expiry import applications_close_unanswered
from missions.services.applications import (
    application_accept,
    application_move_dates_refresh,
    application_reject,
    application_shortlist,
    application_submit,
    application_withdraw,
)
from volunteers.models import Volunteer

from .associations import association_admin
from .content import at, backdate_notices, read

Status = Application.Status


def _backdate_last_move(application: Application, day: date) -> None:
    # The services date each move now; the demo's happened on that day.
    event = application.events.order_by("-pk").first()
    backdate_notices(since=event.at, day=day)
    ApplicationEvent.objects.filter(pk=event.pk).update(at=at(day))
    if application.status == Status.SUBMITTED:
        Application.objects.filter(pk=application.pk).update(submitted_at=at(day))
    elif application.decided_at is not None:
        Application.objects.filter(pk=application.pk).update(decided_at=at(day))
    application_move_dates_refresh(applications=Application.objects.filter(pk=application.pk))


def apply(*, volunteer: Volunteer, mission: Mission, on: date) -> Application:
    """The volunteer applies on that day, with the motivation of their language."""
    language = "en" if volunteer.user.preferred_language == "en" else "fr"
    application = application_submit(
        mission=mission,
        volunteer=volunteer,
        motivation=read("engagements")["motivation"][language],
        by=volunteer.user,
        today=on,
    )
    _backdate_last_move(application, on)
    return application


def shortlist(application: Application, *, by, on: date) -> Application:
    application = application_shortlist(application=application, by=by)
    _backdate_last_move(application, on)
    return application


def accept(application: Application, *, by, on: date) -> Application:
    """Accepted on that day; a mission whose places are then all filled closes that day."""
    mission = Mission.objects.filter(pk=application.mission_id)
    was_open = mission.filter(status=Mission.Status.PUBLISHED).exists()
    application = application_accept(application=application, by=by, today=on)
    _backdate_last_move(application, on)
    if was_open:
        # The service closes a full mission now; it was filled on that day.
        mission.filter(status=Mission.Status.CLOSED).update(closed_at=at(on))
    return application


def decide(application: Application, spec: dict, *, staff, on: date) -> None:
    status = spec["status"]
    if status == Status.SHORTLISTED:
        shortlist(application, by=staff, on=on)
    elif status == Status.ACCEPTED:
        accept(application, by=staff, on=on)
    elif status == Status.REJECTED:
        application = application_reject(
            application=application, by=staff, reason=spec["reason"], message=spec["message"]
        )
        _backdate_last_move(application, on)
    elif status == Status.WITHDRAWN:
        application = application_withdraw(
            application=application, by=application.volunteer.user, reason=spec["reason"]
        )
        _backdate_last_move(application, on)
    elif status == Status.EXPIRED:
        # The daily scan of its 30th day closed it (the only demo application due then).
        applications_close_unanswered(today=on)
        application.refresh_from_db()
        _backdate_last_move(application, on)


def load(*, today: date) -> None:
    for spec in read("engagements")["application"]:
        volunteer = (
            Volunteer.objects.filter(user__email=spec["volunteer"]).select_related("user").first()
        )
        mission = Mission.objects.filter(slug=spec["mission"]).select_related("association").first()
        if volunteer is None or mission is None:  # the volunteers' or missions' demo did not run
            continue
        if Application.objects.filter(volunteer=volunteer, mission=mission).exists():
            continue
        submitted_on = today - timedelta(days=spec["submitted_days_ago"])
        application = apply(volunteer=volunteer, mission=mission, on=submitted_on)
        decided_on = submitted_on + timedelta(days=spec.get("decided_after_days", 0))
        decide(application, spec, staff=association_admin(mission.association), on=decided_on)

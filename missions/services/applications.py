"""Applications: submitted → shortlisted → accepted | rejected; submitted | shortlisted →
withdrawn; accepted → withdrawn when the volunteer declines the contract offered. Each move
writes an ApplicationEvent and e-mails the other side after commit. (submitted → expired,
nobody answered in 30 days, is the daily scan's bulk move: ``application_expiry.py``.)
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext_lazy as _

from associations.selectors import association_can_recruit
from volunteers.models import Volunteer
from vsi_portal.outbox.services import outbox_write

from .. import emails, notices
from ..errors import ApplicationError
from ..models import Application, ApplicationEvent, Mission
from ..selectors.approval import mission_paused, paused_text
from ..selectors.candidates import mission_contract, verdict_for, volunteer_for_rules
from .missions import locked_mission, mission_close_if_full, require_member

Status = Application.Status
UNDER_REVIEW = frozenset(Application.ACTIVE_STATUSES)
# The moves of an application's life: move → (statuses it leaves from, status it goes to).
# Any other move is refused with ApplicationError.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "shortlist": (frozenset({Status.SUBMITTED}), Status.SHORTLISTED),
    "accept": (UNDER_REVIEW, Status.ACCEPTED),
    "reject": (UNDER_REVIEW, Status.REJECTED),
    "withdraw": (UNDER_REVIEW, Status.WITHDRAWN),
    # The volunteer declined the contract offered (contract_signing.contract_volunteer_decline).
    "decline_contract": (frozenset({Status.ACCEPTED}), Status.WITHDRAWN),
}
# After a withdrawal or a refusal, the volunteer applies to the same mission again only this
# long after: an apply/withdraw loop would otherwise e-mail the staff at every turn.
REAPPLY_COOLDOWN = timedelta(hours=24)


def _may(application: Application, move: str) -> bool:
    return application.status in TRANSITIONS[move][0]


def _move(
    application: Application, move: str, *, by, fields=(), reason: str = "", message: str = ""
) -> Application:
    """Moves the application along ``TRANSITIONS`` and records the move (and its e-mail)."""
    previous = application.status
    application.status = TRANSITIONS[move][1]
    now = timezone.now()
    noted = application.note_move(application.status, at=now)
    application.save(update_fields=["status", *fields, *noted, "updated_at"])
    _record_event(application, from_status=previous, by=by, reason=reason, message=message, at=now)
    return application


def _record_event(
    application: Application,
    *,
    from_status: str,
    by,
    reason: str = "",
    message: str = "",
    at: datetime | None = None,
) -> ApplicationEvent:
    event = ApplicationEvent.objects.create(
        application=application,
        from_status=from_status,
        to_status=application.status,
        by=by,
        reason=reason,
        message=message,
        at=at or timezone.now(),
    )
    outbox_write(emails=emails.application_event_emails(event))
    notices.application_event_notify(event)
    return event


def locked_application(application: Application) -> Application:
    """The application's row, locked until the transaction ends (mission and volunteer read)."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("mission__association", "volunteer__user")
        .get(pk=application.pk)
    )


def mission_open_problem(mission: Mission, *, today: date) -> str | None:
    """Why the mission takes no application today (a translated sentence), or None.

    ``Mission.applications_paused`` decides, as for the search and the mission page (an
    approval covering the start runs today too: the deadline comes before the start).
    """
    reason = mission_paused(mission, today=today)
    return None if reason is None else paused_text(mission, reason, today=today)


def reapplication_problem(*, volunteer: Volunteer, mission: Mission, now: datetime) -> str | None:
    """Why the volunteer cannot apply to this mission again yet, the wait in words, or None.

    Within ``REAPPLY_COOLDOWN`` of their last application to it being withdrawn or not
    retained.
    """
    last = (
        Application.objects.filter(
            volunteer=volunteer,
            mission=mission,
            status__in=(Status.WITHDRAWN, Status.REJECTED),
            decided_at__gt=now - REAPPLY_COOLDOWN,
        )
        .order_by("-decided_at")
        .values_list("status", "decided_at")
        .first()
    )
    if last is None:
        return None
    status, decided_at = last
    wait = timeuntil(decided_at + REAPPLY_COOLDOWN, now)
    if status == Status.WITHDRAWN:
        message = _(
            "You withdrew your application to this mission less than 24 hours ago. You can "
            "apply to it again in %(wait)s."
        )
    else:
        message = _(
            "Your application to this mission was not retained less than 24 hours ago. You "
            "can apply to it again in %(wait)s."
        )
    return str(message) % {"wait": wait}


@transaction.atomic
def application_submit(
    *,
    mission: Mission,
    volunteer: Volunteer,
    motivation: str,
    by,
    today: date | None = None,
    now: datetime | None = None,
) -> Application:
    """A volunteer applies to an open mission they are eligible for.

    The rules run again here (``eligibility.check`` with every day already served or
    committed): an ineligible volunteer is refused with every reason explained. After a
    withdrawal or a refusal, the same mission only after ``REAPPLY_COOLDOWN``.
    """
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    if volunteer.user_id != getattr(by, "pk", None):
        raise ApplicationError(_("Only the volunteer can apply for themselves."))
    motivation = (motivation or "").strip()
    if not motivation:
        raise ApplicationError(_("Tell the association why you apply: write your motivation."))
    mission = Mission.objects.select_related("association").get(pk=mission.pk)
    problem = mission_open_problem(mission, today=today) or reapplication_problem(
        volunteer=volunteer, mission=mission, now=now
    )
    if problem:
        raise ApplicationError(problem)
    volunteer = volunteer_for_rules(volunteer)
    judged = verdict_for(volunteer=volunteer, contract=mission_contract(mission))
    if judged.verdict is None:
        raise ApplicationError(
            _(
                "Complete your profile first: the rules need your birth date, nationalities "
                "and country of residence."
            )
        )
    if not judged.eligible:
        raise ApplicationError(
            _("You cannot apply to this mission:"), reasons=list(judged.reason_texts)
        )
    already = _("You already applied to this mission: follow it under “My applications”.")
    if Application.objects.filter(
        volunteer=volunteer, mission=mission, status__in=Application.OPEN_STATUSES
    ).exists():
        raise ApplicationError(already)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                mission=mission,
                volunteer=volunteer,
                motivation=motivation,
                status=Status.SUBMITTED,
            )
    except IntegrityError:  # the same application sent twice at the same moment
        raise ApplicationError(already) from None
    _record_event(application, from_status="", by=by)
    return application


@transaction.atomic
def application_withdraw(
    *, application: Application, by, reason: str, message: str = ""
) -> Application:
    """The volunteer withdraws an application still under review, with a coded reason."""
    application = locked_application(application)
    if application.volunteer is None or application.volunteer.user_id != getattr(by, "pk", None):
        raise ApplicationError(_("Only the volunteer who applied can withdraw the application."))
    if reason not in Application.WithdrawalReason.values:
        raise ApplicationError(_("Choose why you withdraw your application."))
    if not _may(application, "withdraw"):
        raise ApplicationError(
            _("Only an application under review can be withdrawn; this one is %(status)s.")
            % {"status": application.get_status_display().lower()}
        )
    application.withdrawal_reason = reason
    application.decided_at = timezone.now()
    return _move(
        application,
        "withdraw",
        by=by,
        fields=["withdrawal_reason", "decided_at"],
        reason=reason,
        message=message.strip(),
    )


def application_leave_for_declined_contract(
    *, application: Application, by, reason: str, message: str = ""
) -> Application:
    """The volunteer declined the contract of their accepted application: it is withdrawn
    with their reason, and its place on the mission is free again (places count the
    accepted applications). Called by the contract's decline, in its transaction."""
    application = locked_application(application)
    if not _may(application, "decline_contract"):
        raise ApplicationError(_("Only an accepted application has a contract to decline."))
    application.withdrawal_reason = reason
    application.decided_at = timezone.now()
    return _move(
        application,
        "decline_contract",
        by=by,
        fields=["withdrawal_reason", "decided_at"],
        reason=reason,
        message=(message or "").strip(),
    )


def _require_reviewable(application: Application, by) -> None:
    require_member(application.mission.association, by, ApplicationError)
    if application.volunteer is None:
        raise ApplicationError(
            _("The applicant deleted their account: this application is closed.")
        )
    if application.status not in UNDER_REVIEW:
        raise ApplicationError(
            _("This application is no longer under review (%(status)s).")
            % {"status": application.get_status_display().lower()}
        )


@transaction.atomic
def application_shortlist(*, application: Application, by) -> Application:
    """Staff keep a submitted application for the final choice."""
    application = locked_application(application)
    _require_reviewable(application, by)
    if not _may(application, "shortlist"):
        raise ApplicationError(_("This application is already shortlisted."))
    return _move(application, "shortlist", by=by)


@transaction.atomic
def application_accept(*, application: Application, by, today: date | None = None) -> Application:
    """Staff accept an application, within the mission's places; the last place closes it.

    The mission row is locked first, so that two colleagues accepting at the same moment
    cannot fill more places than the mission offers. A suspended association accepts no
    one (no new contract may follow).
    """
    today = today or timezone.localdate()
    mission = locked_mission(application.mission)
    application = locked_application(application)
    _require_reviewable(application, by)
    if not association_can_recruit(mission.association, on=today):
        raise ApplicationError(
            _(
                "Your association cannot take on volunteers while its approval is suspended or "
                "expired."
            )
        )
    accepted = mission.applications.accepted().count()
    if accepted >= mission.places:
        raise ApplicationError(
            _(
                "Every place of this mission is already filled (%(places)s): no other "
                "application can be accepted."
            )
            % {"places": mission.places}
        )
    application.decided_at = timezone.now()
    _move(application, "accept", by=by, fields=["decided_at"])
    mission_close_if_full(mission=mission, accepted_count=accepted + 1)
    return application


@transaction.atomic
def application_reject(
    *, application: Application, by, reason: str, message: str = ""
) -> Application:
    """Staff do not retain an application: a coded reason, and a message if they wish."""
    application = locked_application(application)
    require_member(application.mission.association, by, ApplicationError)
    if reason not in Application.RejectionReason.values:
        raise ApplicationError(_("Choose the reason for not retaining the application."))
    if not _may(application, "reject"):
        raise ApplicationError(
            _("This application is no longer under review (%(status)s).")
            % {"status": application.get_status_display().lower()}
        )
    application.rejection_reason = reason
    application.message = (message or "").strip()
    application.decided_at = timezone.now()
    return _move(
        application,
        "reject",
        by=by,
        fields=["rejection_reason", "message", "decided_at"],
        reason=reason,
        message=application.message,
    )


def application_move_dates_refresh(*, applications) -> int:
    """Copies the move dates (``Application.note_move``'s fields) of ``applications`` (a
    queryset) from their events again: for moves whose events were dated afterwards (the
    demo's history) or written before these fields existed. How many were updated."""
    events = ApplicationEvent.objects.filter(application=OuterRef("pk")).order_by("at", "pk")
    answers = events.filter(
        to_status__in=Application.ANSWER_STATUSES, at__gte=OuterRef("submitted_at")
    )
    return applications.update(
        answered_at=Subquery(answers.values("at")[:1]),
        shortlisted_at=Subquery(events.filter(to_status=Status.SHORTLISTED).values("at")[:1]),
        accepted_at=Subquery(events.filter(to_status=Status.ACCEPTED).values("at")[:1]),
    )

"""Every write on missions: create, edit, publish, close, duplicate, save for later.

Each service checks who asks and the state the mission is in, validates the mission's
facts with the rules modules (``mission_problems``) and keeps the derived columns the
search reads (duration, latest end allowed, search text and vector) in step. Field
problems are raised as a ``ValidationError`` keyed by field, so forms show each message
on its field; invalid moves raise ``MissionError``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from associations.models import Association, Membership
from associations.selectors import association_can_recruit
from volunteers.errors import VolunteerError
from volunteers.models import Document, SavedMission, Volunteer
from volunteers.services import criminal_record_mark_checked
from vsi_portal.eligibility import Contract as RulesContract
from vsi_portal.eligibility import Reason, check, contract_reasons
from vsi_portal.entitlements import (
    allowance_problem,
    contract_last_day,
    earliest_end_after_notice,
    whole_months,
)
from vsi_portal.explanations import explain_allowance, explain_verdict
from vsi_portal.geography import FRANCE, is_country_code, sovereign_state
from vsi_portal.security.models import AuditEvent
from vsi_portal.security.services import audit_record

from . import search, search_cache, selectors
from .errors import ApplicationError, ContractError, MissionError
from .models import Application, ApplicationEvent, Contract, Language, Mission

MISSION_FIELDS = (
    "title",
    "summary",
    "description",
    "domain",
    "country",
    "place",
    "start_on",
    "end_on",
    "allowance_eur",
    "places",
    "application_deadline",
    "skills",
    "min_age",
)

# Addresses under /missions/ that a mission's slug must never take.
RESERVED_SLUGS = frozenset(
    {"manage", "saved", "new", "my-applications", "my-contracts", "contracts"}
)


def _today() -> date:
    return timezone.localdate()


def _fmt(day: date) -> str:
    return date_format(day, "DATE_FORMAT")


# --- Validation --------------------------------------------------------------------------


def mission_problems(
    *, values: dict[str, Any], association: Association, today: date, publishing: bool
) -> dict[str, list[str]]:
    """What is wrong with a mission's facts, by field (empty when it may be saved).

    ``publishing`` adds the checks that matter once the mission is public: its deadline
    is not past and the association's approval still runs on the start date.
    """
    problems: dict[str, list[str]] = {}

    def add(field: str, message) -> None:
        problems.setdefault(field, []).append(str(message))

    country = str(values.get("country") or "")
    start, end = values.get("start_on"), values.get("end_on")
    deadline = values.get("application_deadline")
    allowance = values.get("allowance_eur")
    places, min_age = values.get("places"), values.get("min_age")

    if start is not None and start <= today:
        add("start_on", _("The mission must start in the future."))
    dates_valid = start is not None and end is not None and end >= start
    if start is not None and end is not None and end < start:
        add("end_on", _("The mission cannot end before it starts."))

    if is_country_code(country) and dates_valid:
        contract = RulesContract(
            country=country,
            start=start,
            end=end,
            organisation_approved=association.is_approved_on(start),
        )
        reasons = contract_reasons(contract)
        if Reason.EU_EEA_DESTINATION in reasons:
            add(
                "country",
                _(
                    "A VSI cannot take place in a State of the European Union or the European "
                    "Economic Area other than France (its territories count as that State). "
                    "For a mission in Europe, look at the European Solidarity Corps."
                ),
            )
        if Reason.CONTRACT_OVER_2_YEARS in reasons:
            add(
                "end_on",
                _(
                    "A VSI contract lasts at most 2 years: for a mission starting on %(start)s, "
                    "the last possible day is %(last_day)s."
                )
                % {"start": _fmt(start), "last_day": _fmt(contract_last_day(start))},
            )
        if publishing and Reason.ORGANISATION_NOT_APPROVED in reasons:
            add(
                "start_on",
                _(
                    "Your association's approval does not run on the mission's start date: "
                    "renew it, or choose an earlier start."
                ),
            )
    elif country and not is_country_code(country):
        add("country", _("Choose a country from the list."))

    if is_country_code(country) and allowance is not None:
        problem = allowance_problem(country, allowance)
        if problem is not None:
            add("allowance_eur", explain_allowance(problem, amount=allowance))

    if places is not None and places < 1:
        add("places", _("Offer at least one place."))

    if deadline is not None:
        if start is not None and deadline >= start:
            add("application_deadline", _("The application deadline must be before the start."))
        if publishing and deadline < today:
            add("application_deadline", _("The application deadline is already past."))

    if min_age is not None and min_age < association.min_volunteer_age:
        add(
            "min_age",
            _("Your association asks for volunteers aged %(age)s or over: set at least %(age)s.")
            % {"age": association.min_volunteer_age},
        )
    return problems


def hosted_in_france(country: str) -> bool:
    """A mission judged as being in France (overseas included): open by reciprocity only."""
    return is_country_code(country) and sovereign_state(country) == FRANCE


# --- Derived columns ---------------------------------------------------------------------


def _fill_derived(mission: Mission) -> None:
    mission.duration_months = whole_months(mission.start_on, mission.end_on)
    mission.latest_end_on = contract_last_day(mission.start_on)
    mission.search_text = search.searchable_text(
        title=mission.title,
        summary=mission.summary,
        description=mission.description,
        skills=mission.skills,
        association=mission.association.name,
    )


DERIVED_FIELDS = ["duration_months", "latest_end_on", "search_text"]


@transaction.atomic
def missions_reindex(
    *, missions: Iterable[Mission] | None = None, association: Association | None = None
) -> int:
    """Rebuild the derived columns of some missions (or of one association's, or all).

    The association's services call it with ``association=`` after a rename; the command
    ``manage.py missions_reindex`` runs it for every mission after a bulk import.
    """
    if missions is None:
        queryset = Mission.objects.select_related("association")
        if association is not None:
            queryset = queryset.filter(association=association)
        missions = list(queryset)
    else:
        missions = list(missions)
    for mission in missions:
        _fill_derived(mission)
    Mission.objects.bulk_update(missions, DERIVED_FIELDS, batch_size=500)
    search.refresh_vectors(mission.pk for mission in missions)
    search_cache.results_changed()
    return len(missions)


def _save_with_derived(mission: Mission, *, update_fields: list[str] | None = None) -> None:
    _fill_derived(mission)
    if update_fields is not None:
        update_fields = [*update_fields, *DERIVED_FIELDS, "updated_at"]
    mission.save(update_fields=update_fields)
    search.refresh_vectors([mission.pk])
    search_cache.results_changed()


# --- Who may act -------------------------------------------------------------------------


def _require_member(
    association: Association, user, error: type[MissionError] = MissionError
) -> None:
    if not (
        user.is_authenticated
        and Membership.objects.filter(association=association, user=user).exists()
    ):
        raise error(_("You are not on the staff of this association."))


def _require_staff(association: Association, user, today: date) -> None:
    """A member of an association approved today (a suspended one cannot publish)."""
    _require_member(association, user)
    if not association.is_approved_on(today):
        raise MissionError(
            _(
                "Your association is not approved, or its approval has expired: it cannot "
                "publish or edit missions until France Volontaires approves it."
            )
        )


def _unique_slug(title: str) -> str:
    base = (slugify(title) or "mission")[:200].strip("-") or "mission"
    candidate, number = base, 1
    while candidate in RESERVED_SLUGS or Mission.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _locked(mission: Mission) -> Mission:
    return Mission.objects.select_for_update().select_related("association").get(pk=mission.pk)


# --- Staff moves -------------------------------------------------------------------------


@transaction.atomic
def mission_create(
    *,
    association: Association,
    by,
    data: dict[str, Any],
    languages: Iterable[Language] = (),
    today: date | None = None,
) -> Mission:
    """Create a draft mission for one of the user's approved associations."""
    today = today or _today()
    _require_staff(association, by, today)
    values = {field: data[field] for field in MISSION_FIELDS if field in data}
    values.setdefault("min_age", association.min_volunteer_age)
    problems = mission_problems(
        values=values, association=association, today=today, publishing=False
    )
    if problems:
        raise ValidationError(problems)
    mission = Mission(
        association=association,
        created_by=by,
        status=Mission.Status.DRAFT,
        slug=_unique_slug(values["title"]),
        **values,
    )
    _save_with_derived(mission)
    mission.languages.set(languages)
    return mission


@transaction.atomic
def mission_update(
    *,
    mission: Mission,
    by,
    data: dict[str, Any],
    languages: Iterable[Language] | None = None,
    today: date | None = None,
) -> Mission:
    """Edit a draft or a published mission; a published one is re-validated as if publishing."""
    today = today or _today()
    mission = _locked(mission)
    _require_staff(mission.association, by, today)
    if mission.is_closed:
        raise MissionError(_("A closed mission can no longer be edited: duplicate it instead."))
    values = {field: data[field] for field in MISSION_FIELDS if field in data}
    merged = {field: getattr(mission, field) for field in MISSION_FIELDS} | values
    problems = mission_problems(
        values=merged,
        association=mission.association,
        today=today,
        publishing=mission.is_published,
    )
    if problems:
        raise ValidationError(problems)
    for field, value in values.items():
        setattr(mission, field, value)
    _save_with_derived(mission, update_fields=list(values))
    if languages is not None:
        mission.languages.set(languages)
    return mission


@transaction.atomic
def mission_publish(*, mission: Mission, by, today: date | None = None) -> Mission:
    """Make a draft public, once its facts pass every check of publication."""
    today = today or _today()
    mission = _locked(mission)
    _require_staff(mission.association, by, today)
    if not mission.is_draft:
        raise MissionError(_("Only a draft can be published."))
    values = {field: getattr(mission, field) for field in MISSION_FIELDS}
    problems = mission_problems(
        values=values, association=mission.association, today=today, publishing=True
    )
    if problems:
        raise ValidationError(problems)
    mission.status = Mission.Status.PUBLISHED
    mission.published_at = timezone.now()
    mission.save(update_fields=["status", "published_at", "updated_at"])
    search_cache.results_changed()
    return mission


@transaction.atomic
def mission_close(*, mission: Mission, by) -> Mission:
    """Close a published mission: it leaves the search and stays readable by its link.

    *Choice*: closing only needs a member, not an approved association, so that a
    suspended association can still withdraw its offers.
    """
    mission = _locked(mission)
    _require_member(mission.association, by)
    if not mission.is_published:
        raise MissionError(_("Only a published mission can be closed."))
    return _close(mission)


def _close(mission: Mission) -> Mission:
    mission.status = Mission.Status.CLOSED
    mission.closed_at = timezone.now()
    mission.save(update_fields=["status", "closed_at", "updated_at"])
    search_cache.results_changed()
    return mission


@transaction.atomic
def mission_duplicate(*, mission: Mission, by, today: date | None = None) -> Mission:
    """A draft copy of a mission (any state), to adjust and publish again."""
    today = today or _today()
    mission = Mission.objects.select_related("association").get(pk=mission.pk)
    _require_staff(mission.association, by, today)
    copy = Mission(
        association=mission.association,
        created_by=by,
        status=Mission.Status.DRAFT,
        slug=_unique_slug(mission.title),
        **{field: getattr(mission, field) for field in MISSION_FIELDS},
    )
    _save_with_derived(copy)
    copy.languages.set(mission.languages.all())
    return copy


# --- Missions closing themselves ---------------------------------------------------------


@transaction.atomic
def missions_close_expired(*, today: date) -> int:
    """Close every published mission whose deadline has passed; returns how many.

    One conditional UPDATE: safe to run twice or from two workers. The public queries
    already leave these missions out (``open_for_applications``), so nobody waits for it.
    """
    closed = Mission.objects.filter(
        status=Mission.Status.PUBLISHED, application_deadline__lt=today
    ).update(status=Mission.Status.CLOSED, closed_at=timezone.now(), updated_at=timezone.now())
    if closed:
        search_cache.results_changed()
    return closed


@transaction.atomic
def mission_close_if_full(*, mission: Mission, accepted_count: int) -> bool:
    """Close a published mission once its accepted applications fill every place.

    Hook for the applications work: after accepting an application, call it inside the
    same transaction with the number of accepted applications of the mission, e.g.
    ``mission_close_if_full(mission=m, accepted_count=m.applications.accepted().count())``.
    Returns True when the mission was closed by this call.
    """
    mission = _locked(mission)
    if mission.is_published and accepted_count >= mission.places:
        _close(mission)
        return True
    return False


# --- Saved missions ----------------------------------------------------------------------


@transaction.atomic
def mission_save(*, mission: Mission, volunteer: Volunteer) -> SavedMission:
    """Keep a mission in the volunteer's list (saving it twice keeps one entry)."""
    if mission.is_draft:
        raise MissionError(_("This mission is not public."))
    try:
        with transaction.atomic():
            saved, _created = SavedMission.objects.get_or_create(
                volunteer=volunteer, mission=mission
            )
    except IntegrityError:  # saved at the same moment from another tab
        saved = SavedMission.objects.get(volunteer=volunteer, mission=mission)
    return saved


@transaction.atomic
def mission_unsave(*, mission: Mission, volunteer: Volunteer) -> None:
    SavedMission.objects.filter(volunteer=volunteer, mission=mission).delete()


# =========================================================================================
# Applications: submitted → shortlisted → accepted | rejected; submitted | shortlisted →
# withdrawn. Each move writes an ApplicationEvent and e-mails the other side after commit.
# =========================================================================================


def _explained_reasons(verdict, candidate, contract) -> list[str]:
    explanations = explain_verdict(
        verdict, candidate=candidate, contract=contract, format_date=_fmt
    )
    return [text for _code, text in explanations[: len(verdict.reasons)]]


def _record_event(
    application: Application, *, from_status: str, by, reason: str = "", message: str = ""
) -> ApplicationEvent:
    event = ApplicationEvent.objects.create(
        application=application,
        from_status=from_status,
        to_status=application.status,
        by=by,
        reason=reason,
        message=message,
    )
    from .tasks import send_application_email

    send_application_email.delay_on_commit(event.pk)
    return event


def _locked_application(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("mission__association", "volunteer__user")
        .get(pk=application.pk)
    )


def mission_open_problem(mission: Mission, *, today: date) -> str | None:
    """Why the mission takes no application today (a translated sentence), or None."""
    if not mission.is_published:
        return str(_("This mission no longer takes applications."))
    if mission.application_deadline < today:
        return str(_("The application deadline of this mission has passed."))
    if not association_can_recruit(mission.association, on=today):
        return str(
            _(
                "The association offering this mission cannot take applications at the "
                "moment (its approval is suspended or has expired)."
            )
        )
    return None


@transaction.atomic
def application_submit(
    *, mission: Mission, volunteer: Volunteer, motivation: str, by, today: date | None = None
) -> Application:
    """A volunteer applies to an open mission they are eligible for.

    The rules run again here (``eligibility.check`` with every day already served or
    committed): an ineligible volunteer is refused with every reason explained.
    """
    today = today or _today()
    if volunteer.user_id != getattr(by, "pk", None):
        raise ApplicationError(_("Only the volunteer can apply for themselves."))
    motivation = (motivation or "").strip()
    if not motivation:
        raise ApplicationError(_("Tell the association why you apply: write your motivation."))
    mission = Mission.objects.select_related("association").get(pk=mission.pk)
    problem = mission_open_problem(mission, today=today)
    if problem:
        raise ApplicationError(problem)
    volunteer = Volunteer.objects.prefetch_related("prior_missions").get(pk=volunteer.pk)
    candidate = selectors.volunteer_candidate(volunteer)
    if candidate is None:
        raise ApplicationError(
            _(
                "Complete your profile first: the rules need your birth date, nationalities "
                "and country of residence."
            )
        )
    contract = selectors.mission_contract(mission)
    verdict = check(candidate, contract)
    if not verdict.eligible:
        raise ApplicationError(
            _("You cannot apply to this mission:"),
            reasons=_explained_reasons(verdict, candidate, contract),
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
                status=Application.Status.SUBMITTED,
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
    application = _locked_application(application)
    if application.volunteer is None or application.volunteer.user_id != getattr(by, "pk", None):
        raise ApplicationError(_("Only the volunteer who applied can withdraw the application."))
    if reason not in Application.WithdrawalReason.values:
        raise ApplicationError(_("Choose why you withdraw your application."))
    if not application.is_active:
        raise ApplicationError(
            _("Only an application under review can be withdrawn; this one is %(status)s.")
            % {"status": application.get_status_display().lower()}
        )
    previous = application.status
    application.status = Application.Status.WITHDRAWN
    application.withdrawal_reason = reason
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "withdrawal_reason", "decided_at", "updated_at"])
    _record_event(application, from_status=previous, by=by, reason=reason, message=message.strip())
    return application


def _require_reviewable(application: Application, by) -> None:
    _require_member(application.mission.association, by, ApplicationError)
    if application.volunteer is None:
        raise ApplicationError(
            _("The applicant deleted their account: this application is closed.")
        )
    if not application.is_active:
        raise ApplicationError(
            _("This application is no longer under review (%(status)s).")
            % {"status": application.get_status_display().lower()}
        )


@transaction.atomic
def application_shortlist(*, application: Application, by) -> Application:
    """Staff keep a submitted application for the final choice."""
    application = _locked_application(application)
    _require_reviewable(application, by)
    if application.status != Application.Status.SUBMITTED:
        raise ApplicationError(_("This application is already shortlisted."))
    application.status = Application.Status.SHORTLISTED
    application.save(update_fields=["status", "updated_at"])
    _record_event(application, from_status=Application.Status.SUBMITTED, by=by)
    return application


@transaction.atomic
def application_accept(*, application: Application, by, today: date | None = None) -> Application:
    """Staff accept an application, within the mission's places; the last place closes it.

    The mission row is locked first, so that two colleagues accepting at the same moment
    cannot fill more places than the mission offers. A suspended association accepts no
    one (no new contract may follow).
    """
    today = today or _today()
    mission = _locked(application.mission)
    application = _locked_application(application)
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
    previous = application.status
    application.status = Application.Status.ACCEPTED
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at", "updated_at"])
    _record_event(application, from_status=previous, by=by)
    mission_close_if_full(mission=mission, accepted_count=accepted + 1)
    return application


@transaction.atomic
def application_reject(
    *, application: Application, by, reason: str, message: str = ""
) -> Application:
    """Staff do not retain an application: a coded reason, and a message if they wish."""
    application = _locked_application(application)
    _require_member(application.mission.association, by, ApplicationError)
    if reason not in Application.RejectionReason.values:
        raise ApplicationError(_("Choose the reason for not retaining the application."))
    if not application.is_active:
        raise ApplicationError(
            _("This application is no longer under review (%(status)s).")
            % {"status": application.get_status_display().lower()}
        )
    previous = application.status
    application.status = Application.Status.REJECTED
    application.rejection_reason = reason
    application.message = (message or "").strip()
    application.decided_at = timezone.now()
    application.save(
        update_fields=["status", "rejection_reason", "message", "decided_at", "updated_at"]
    )
    _record_event(
        application, from_status=previous, by=by, reason=reason, message=application.message
    )
    return application


# =========================================================================================
# Contracts: planned → active → completed | ended_early (planned → ended_early too).
# Each change is e-mailed to the volunteer after commit.
# =========================================================================================


def _queue_contract_email(contract: Contract, event: str) -> None:
    from .tasks import send_contract_email

    send_contract_email.delay_on_commit(contract.pk, event)


def _locked_contract(contract: Contract) -> Contract:
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("association", "mission", "volunteer__user", "application")
        .get(pk=contract.pk)
    )


def contract_problems(
    *,
    mission: Mission,
    start_on: date | None,
    end_on: date | None,
    allowance_eur: int | None,
    today: date,
) -> dict[str, list[str]]:
    """What is wrong with a contract's dates and allowance, by field (empty when none).

    The 2-year maximum is the rules' (``eligibility.check``, explained with the other
    reasons); here: the start not in the past, the end after the start, the allowance
    within the bounds of its country (R13).
    """
    problems: dict[str, list[str]] = {}
    if start_on is None:
        problems.setdefault("start_on", []).append(str(_("Enter the start date.")))
    elif start_on < today:
        problems.setdefault("start_on", []).append(str(_("The contract cannot start in the past.")))
    if end_on is None:
        problems.setdefault("end_on", []).append(str(_("Enter the end date.")))
    elif start_on is not None and end_on < start_on:
        problems.setdefault("end_on", []).append(
            str(_("The contract cannot end before it starts."))
        )
    if allowance_eur is None:
        problems.setdefault("allowance_eur", []).append(str(_("Enter the monthly allowance.")))
    else:
        problem = allowance_problem(mission.country.code, allowance_eur)
        if problem is not None:
            problems.setdefault("allowance_eur", []).append(
                str(explain_allowance(problem, amount=allowance_eur))
            )
    return problems


@transaction.atomic
def contract_create(
    *,
    application: Application,
    by,
    start_on: date | None = None,
    end_on: date | None = None,
    allowance_eur: int | None = None,
    today: date | None = None,
) -> Contract:
    """Sign the contract of an accepted application (one contract per application).

    Dates, allowance and country come from the mission unless staff change the dates or
    the allowance; the rules run again with the contract's dates, the volunteer's days
    already served or committed, and the association's approval on the start date.
    """
    today = today or _today()
    application = _locked_application(application)
    mission = application.mission
    association = mission.association
    _require_member(association, by, ContractError)
    if application.status != Application.Status.ACCEPTED:
        raise ContractError(_("A contract is made only from an accepted application."))
    if Contract.objects.filter(application=application).exists():
        raise ContractError(_("This application already has its contract."))
    if application.volunteer is None:
        raise ContractError(_("The applicant deleted their account: no contract can be made."))
    if not association_can_recruit(association, on=today):
        raise ContractError(
            _("Your association cannot sign contracts while its approval is suspended or expired.")
        )
    start_on = start_on or mission.start_on
    end_on = end_on or mission.end_on
    allowance_eur = mission.allowance_eur if allowance_eur is None else allowance_eur
    problems = contract_problems(
        mission=mission, start_on=start_on, end_on=end_on, allowance_eur=allowance_eur, today=today
    )
    if problems:
        raise ValidationError(problems)
    volunteer = Volunteer.objects.prefetch_related("prior_missions").get(
        pk=application.volunteer_id
    )
    candidate = selectors.volunteer_candidate(volunteer)
    if candidate is None:
        raise ContractError(
            _(
                "The volunteer's profile lacks facts the rules need (birth date, nationalities, "
                "country of residence): ask them to complete it."
            )
        )
    rules_contract = RulesContract(
        country=mission.country.code,
        start=start_on,
        end=end_on,
        min_age=mission.min_age,
        organisation_approved=association.is_approved_on(start_on),
    )
    verdict = check(candidate, rules_contract)
    if not verdict.eligible:
        raise ContractError(
            _("This contract cannot be signed:"),
            reasons=_explained_reasons(verdict, candidate, rules_contract),
        )
    try:
        with transaction.atomic():
            contract = Contract.objects.create(
                application=application,
                mission=mission,
                association=association,
                volunteer=volunteer,
                country=mission.country,
                start_on=start_on,
                end_on=end_on,
                allowance_eur=allowance_eur,
                status=Contract.Status.PLANNED,
                signed_at=timezone.now(),
                signed_by=by,
            )
    except IntegrityError:  # signed at the same moment from another tab
        raise ContractError(_("This application already has its contract.")) from None
    _queue_contract_email(contract, "signed")
    _audit_contract(contract, by=by, change="create")
    return contract


def _audit_contract(contract: Contract, *, by, change: str) -> None:
    """Contract changes are sensitive actions France Volontaires can review."""
    audit_record(
        actor=by,
        action=AuditEvent.Action.CONTRACT_CHANGE,
        subject=contract,
        details={"change": change, "status": contract.status},
    )


def contract_missing_prerequisites(contract: Contract) -> list[str]:
    """The departure prerequisites still missing (R12), as sentences; empty when complete."""
    missing = []
    if contract.criminal_record_checked_on is None:
        missing.append(str(_("The criminal record extract has not been checked.")))
    if contract.social_security_affiliated_on is None:
        missing.append(str(_("The social security affiliation date is not recorded.")))
    elif contract.social_security_affiliated_on > contract.start_on:
        missing.append(
            str(_("The social security affiliation must date from the start at the latest."))
        )
    if not contract.insurance_reference.strip():
        missing.append(str(_("The insurance policy reference is not recorded.")))
    if contract.training_completed_on is None:
        missing.append(str(_("The pre-departure training is not recorded.")))
    return missing


def _require_contract_staff(contract: Contract, by) -> None:
    _require_member(contract.association, by, ContractError)


@transaction.atomic
def contract_record_prerequisites(
    *,
    contract: Contract,
    by,
    social_security_affiliated_on: date | None,
    insurance_reference: str,
    training_completed_on: date | None,
    today: date | None = None,
) -> Contract:
    """Record the departure checklist of a planned contract (an empty value clears it).

    R12: the social security affiliation dates from the contract's start at the latest.
    The training is recorded once done, so its date is not in the future.
    """
    today = today or _today()
    contract = _locked_contract(contract)
    _require_contract_staff(contract, by)
    if contract.status != Contract.Status.PLANNED:
        raise ContractError(_("The departure checklist is kept only before the departure."))
    problems: dict[str, list[str]] = {}
    if social_security_affiliated_on and social_security_affiliated_on > contract.start_on:
        problems["social_security_affiliated_on"] = [
            str(
                _("The affiliation must date from the start (%(start)s) at the latest.")
                % {"start": _fmt(contract.start_on)}
            )
        ]
    if training_completed_on and training_completed_on > today:
        problems["training_completed_on"] = [
            str(_("Record the training once it is done: its date cannot be in the future."))
        ]
    if problems:
        raise ValidationError(problems)
    contract.social_security_affiliated_on = social_security_affiliated_on
    contract.insurance_reference = (insurance_reference or "").strip()
    contract.training_completed_on = training_completed_on
    contract.save(
        update_fields=[
            "social_security_affiliated_on",
            "insurance_reference",
            "training_completed_on",
            "updated_at",
        ]
    )
    _audit_contract(contract, by=by, change="prerequisites")
    return contract


# The contract's outcomes and the document's are named differently; one maps to the other.
CRIMINAL_RECORD_DOCUMENT_OUTCOME = {
    Contract.CriminalRecordOutcome.CLEAR: Document.Outcome.CLEAR,
    Contract.CriminalRecordOutcome.ENTRIES: Document.Outcome.ENTRIES_RECORDED,
}


@transaction.atomic
def contract_record_criminal_record_check(
    *, contract: Contract, by, outcome: str, today: date | None = None
) -> Contract:
    """Staff record that they checked the volunteer's criminal record extract (R12).

    The extract's file is deleted (``criminal_record_mark_checked``); who checked it, when
    and the outcome stay, on the document and on the contract.
    """
    today = today or _today()
    contract = _locked_contract(contract)
    _require_contract_staff(contract, by)
    if outcome not in Contract.CriminalRecordOutcome.values:
        raise ContractError(_("Choose the outcome of the check."))
    if contract.status != Contract.Status.PLANNED:
        raise ContractError(_("The departure checklist is kept only before the departure."))
    if contract.criminal_record_checked_on is not None:
        raise ContractError(_("The criminal record of this contract is already checked."))
    document = selectors.criminal_record_document(contract.volunteer)
    if document is None or document.is_checked or not document.has_file:
        raise ContractError(
            _(
                "The volunteer has not uploaded a criminal record extract yet: ask them to add "
                "it to their documents."
            )
        )
    try:
        criminal_record_mark_checked(
            document=document, by=by, outcome=CRIMINAL_RECORD_DOCUMENT_OUTCOME[outcome]
        )
    except VolunteerError as error:
        raise ContractError(error.message) from None
    contract.criminal_record_checked_on = today
    contract.criminal_record_checked_by = by
    contract.criminal_record_outcome = outcome
    contract.save(
        update_fields=[
            "criminal_record_checked_on",
            "criminal_record_checked_by",
            "criminal_record_outcome",
            "updated_at",
        ]
    )
    _queue_contract_email(contract, "criminal_record_checked")
    return contract


@transaction.atomic
def contract_activate(*, contract: Contract, by, today: date | None = None) -> Contract:
    """The volunteer departs: planned → active, once the checklist is complete.

    *Choice*: activation is allowed from the contract's start date on, not before (the
    contract is under way only once it has started); a suspended association's signed
    contracts still start (contracts already signed continue).
    """
    today = today or _today()
    contract = _locked_contract(contract)
    _require_contract_staff(contract, by)
    if contract.status != Contract.Status.PLANNED:
        raise ContractError(_("Only a planned contract can start."))
    missing = contract_missing_prerequisites(contract)
    if missing:
        raise ContractError(_("The departure checklist is not complete:"), reasons=missing)
    if today < contract.start_on:
        raise ContractError(
            _("The contract starts on %(start)s: it can be marked as under way from that day.")
            % {"start": _fmt(contract.start_on)}
        )
    contract.status = Contract.Status.ACTIVE
    contract.activated_at = timezone.now()
    contract.save(update_fields=["status", "activated_at", "updated_at"])
    _queue_contract_email(contract, "activated")
    _audit_contract(contract, by=by, change="activate")
    return contract


def _issue_certificate(contract: Contract) -> None:
    now = timezone.now()
    contract.certificate_issued_at = now
    contract.certificate_number = f"VSI-{timezone.localdate(now).year}-{contract.pk:06d}"


COMPELLING_END_REASONS = frozenset(
    {
        Contract.EndReason.VOLUNTEER_HEALTH,
        Contract.EndReason.FAMILY,
        Contract.EndReason.SECURITY,
    }
)


@transaction.atomic
def contract_end_early(
    *,
    contract: Contract,
    by,
    notice_given_on: date,
    ended_on: date,
    reason: str,
    explanation: str = "",
    compelling_reason: bool = False,
    today: date | None = None,
) -> Contract:
    """End a planned or running contract before its term (R17: at least one month's notice).

    Records the notice date, the end, who ended it and why, and issues the certificate of
    completion for the days served (R17: the association issues it). A compelling reason
    (health, family, security) matters for the resettlement allowance (R18).
    """
    today = today or _today()
    contract = _locked_contract(contract)
    _require_contract_staff(contract, by)
    if contract.status not in (Contract.Status.PLANNED, Contract.Status.ACTIVE):
        raise ContractError(_("Only a planned or running contract can be ended early."))
    if reason not in Contract.EndReason.values:
        raise ContractError(_("Choose why the contract ends early."))
    problems: dict[str, list[str]] = {}
    if notice_given_on is None:
        problems["notice_given_on"] = [str(_("Enter the date the notice was given."))]
    elif notice_given_on > today:
        problems["notice_given_on"] = [str(_("The notice date cannot be in the future."))]
    if ended_on is None:
        problems.setdefault("ended_on", []).append(str(_("Enter the last day of the contract.")))
    else:
        if notice_given_on is not None:
            earliest = earliest_end_after_notice(notice_given_on)
            if ended_on < earliest:
                problems.setdefault("ended_on", []).append(
                    str(
                        _(
                            "At least one month's notice: for a notice given on %(notice)s, the "
                            "contract ends on %(earliest)s at the earliest."
                        )
                        % {"notice": _fmt(notice_given_on), "earliest": _fmt(earliest)}
                    )
                )
        if ended_on > contract.end_on:
            problems.setdefault("ended_on", []).append(
                str(
                    _("The early end must be on or before the planned end (%(end)s).")
                    % {"end": _fmt(contract.end_on)}
                )
            )
        if ended_on < contract.start_on:
            problems.setdefault("ended_on", []).append(
                str(
                    _("The end cannot be before the contract's start (%(start)s).")
                    % {"start": _fmt(contract.start_on)}
                )
            )
    if compelling_reason and reason not in COMPELLING_END_REASONS:
        problems.setdefault("compelling_reason", []).append(
            str(_("A compelling reason is a matter of health, family or security."))
        )
    if problems:
        raise ValidationError(problems)
    contract.status = Contract.Status.ENDED_EARLY
    contract.notice_given_on = notice_given_on
    contract.ended_on = ended_on
    contract.ended_by = by
    contract.end_reason = reason
    contract.end_explanation = (explanation or "").strip()
    contract.compelling_reason = bool(compelling_reason)
    _issue_certificate(contract)
    contract.save(
        update_fields=[
            "status",
            "notice_given_on",
            "ended_on",
            "ended_by",
            "end_reason",
            "end_explanation",
            "compelling_reason",
            "certificate_issued_at",
            "certificate_number",
            "updated_at",
        ]
    )
    _queue_contract_email(contract, "ended_early")
    _audit_contract(contract, by=by, change="end_early")
    return contract


@transaction.atomic
def contract_complete(*, contract: Contract, by, today: date | None = None) -> Contract:
    """A running contract reaches its term: active → completed, and the certificate issued.

    Allowed from the planned end date on (the last day served counts).
    """
    today = today or _today()
    contract = _locked_contract(contract)
    _require_contract_staff(contract, by)
    if contract.status != Contract.Status.ACTIVE:
        raise ContractError(_("Only a contract under way can be completed."))
    if today < contract.end_on:
        raise ContractError(
            _(
                "The contract runs until %(end)s: it can be completed from that day on, or ended "
                "early with notice."
            )
            % {"end": _fmt(contract.end_on)}
        )
    contract.status = Contract.Status.COMPLETED
    _issue_certificate(contract)
    contract.save(
        update_fields=["status", "certificate_issued_at", "certificate_number", "updated_at"]
    )
    _queue_contract_email(contract, "completed")
    _audit_contract(contract, by=by, change="complete")
    return contract

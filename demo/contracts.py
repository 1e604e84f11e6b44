"""Demo contracts (``data/engagements.toml``): one in each state, dated from the day of the
load, each on a mission of its own whose one place it fills.

A contract's whole story goes through the services, each step on the day it happened
(``today=`` in the past): the mission published, the volunteer's application accepted,
the contract prepared, offered and signed by both sides, the departure checklist
recorded, the contract started, then completed or ended early (notice given, the daily job
ending it after its last day), and its certificate issued. Runs after the volunteers.
Idempotent: a contract's mission is found by slug; once it is there, its story was told.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from associations.models import Association
from missions.certificate import format_certificate_code
from missions.models import Contract, Mission
from missions.services.contract_departure import (
    contract_activate,
    contract_record_criminal_record_check,
    contract_record_prerequisites,
)
from missions.services.contract_ends import (
    contract_complete,
    contract_give_notice,
    contract_issue_certificate,
    contracts_end_due,
)
from missions.services.contract_leave import contract_record_leave_taken
from missions.services.contract_signing import (
    contract_association_sign,
    contract_volunteer_decline,
    contract_volunteer_sign,
)
from missions.services.contracts import contract_create, contract_offer
from volunteers.models import Document, Volunteer
from volunteers.services import document_upload
from vsi_portal.entitlements import add_months, earliest_end_after_notice

from .accounts import DemoReport, demo_user
from .applications import accept, apply, shortlist
from .associations import association_admin
from .content import at, backdate_notices, read
from .missions import mission_in_demo
from .pdf import pdf_upload
from .volunteers import prior_missions_in_demo, volunteer_in_demo

Status = Contract.Status
UNDER_WAY_OR_OVER = (Status.ACTIVE, Status.COMPLETED, Status.ENDED_EARLY)
ON_ITS_WAY = (*Contract.UNSIGNED_STATUSES, Status.DECLINED)
EXTRACT_NAME = "extrait-casier-judiciaire.pdf"
EXTRACT_LINES = ["Bulletin n. 3 du casier judiciaire", "Neant"]


@dataclass(frozen=True)
class Timeline:
    """The days of a contract's story: each step so many days (``steps``) before its first
    day, or before the day of the load when it starts later."""

    start: date
    end: date
    today: date
    steps: dict[str, int]

    def day_of(self, step: str) -> date:
        return min(self.start, self.today) - timedelta(days=self.steps[step])

    @property
    def social_security_affiliated_on(self) -> date:
        return self.start - timedelta(days=self.steps["social_security_affiliated"])


def contract_dates(spec: dict, *, today: date) -> tuple[date, date]:
    """The first and the planned last day of a data file's contract."""
    months = spec["months"]
    if "end_in_days" in spec:
        end = today + timedelta(days=spec["end_in_days"])
        return add_months(end + timedelta(days=1), -months), end
    if "start_in_months" in spec:
        start = add_months(today, spec["start_in_months"])
    else:
        start = today + timedelta(days=spec["start_in_days"])
    return start, add_months(start, months) - timedelta(days=1)


def early_end(spec: dict, *, today: date) -> tuple[date, date]:
    """When notice was given, and the last day it allows."""
    notice = add_months(today, spec["notice_in_months"])
    return notice, earliest_end_after_notice(notice)


def _volunteer(spec: dict, profile: dict, *, today: date) -> Volunteer | None:
    """One of volunteers.toml's (None if that demo did not run), or this file's own."""
    if "name" not in spec:
        return Volunteer.objects.filter(user__email=spec["volunteer"]).first()
    user = demo_user(
        email=spec["volunteer"], full_name=spec["name"], language=spec.get("language", "fr")
    )
    volunteer = volunteer_in_demo(user, profile, today=today)
    prior_missions_in_demo(volunteer, spec.get("prior_missions", []), today=today)
    return volunteer


def contract_mission(
    spec: dict, common: dict, association: Association, *, staff, timeline
) -> Mission:
    title, place = spec["mission"]["title"], spec["mission"]["place"]
    values = {
        "title": title,
        "summary": f"{title} à {place}.",
        "description": f"{title} avec les partenaires locaux de {association.name} à {place}.",
        "domain": common["domain"],
        "country": spec["mission"]["country"],
        "place": place,
        "start_on": timeline.start,
        "end_on": timeline.end,
        "allowance_eur": common["allowance_eur"],
        "places": 1,
        "application_deadline": timeline.day_of("application_deadline"),
        "min_age": association.min_volunteer_age,
    }
    return mission_in_demo(
        association=association,
        by=staff,
        slug=spec["mission"]["slug"],
        values=values,
        languages=common["languages"],
        created_on=timeline.day_of("mission_published"),
        publish=True,
    )


def _send_criminal_record_extract(volunteer: Volunteer) -> Document:
    return document_upload(
        volunteer=volunteer,
        kind=Document.Kind.CRIMINAL_RECORD,
        upload=pdf_upload(EXTRACT_NAME, EXTRACT_LINES),
    )


def record_checklist(contract: Contract, *, staff, timeline: Timeline, insurance_reference: str):
    """The departure prerequisites, each recorded on its day."""
    extract = _send_criminal_record_extract(contract.volunteer)
    checked_on = timeline.day_of("criminal_record_checked")
    contract_record_criminal_record_check(
        contract=contract, by=staff, outcome=Contract.CriminalRecordOutcome.CLEAR, today=checked_on
    )
    # The services date the upload and the check now; the demo's happened on their days.
    Document.objects.filter(pk=extract.pk).update(
        uploaded_at=at(timeline.day_of("criminal_record_sent")), checked_at=at(checked_on)
    )
    trained_on = timeline.day_of("training_completed")
    contract_record_prerequisites(
        contract=contract,
        by=staff,
        social_security_affiliated_on=timeline.social_security_affiliated_on,
        insurance_reference=insurance_reference,
        training_completed_on=trained_on,
        today=trained_on,
    )


def sign_both_sides(application, *, staff, on: date) -> Contract:
    """A contract's signing, all on one day: staff prepare and offer it, the volunteer signs
    it with their name, then the association's administrator with theirs."""
    contract = contract_create(application=application, by=staff, today=on)
    offered = timezone.now()
    contract_offer(contract=contract, by=staff, today=on)
    backdate_notices(since=offered, day=on, hour=9)
    volunteer = application.volunteer.user
    contract_volunteer_sign(
        contract=contract, by=volunteer, full_name=volunteer.full_name, today=on
    )
    contract_association_sign(
        contract=contract,
        by=staff,
        full_name=staff.full_name,
        role="Président",
        today=on,
    )
    # The services date the moves now; the demo's contract was signed on that day.
    Contract.objects.filter(pk=contract.pk).update(signed_at=at(on))
    contract.versions.update(
        offered_at=at(on, 9), volunteer_signed_at=at(on, 10), association_signed_at=at(on, 11)
    )
    contract.refresh_from_db()
    return contract


def _on_its_way(spec: dict, application, *, staff, today: date) -> Contract:
    """A contract not signed by both sides yet: prepared and offered ``offered_days_ago``
    before the load; the volunteer signed or declined it the day after."""
    on = today - timedelta(days=spec["offered_days_ago"])
    contract = contract_create(application=application, by=staff, today=on)
    if spec["status"] == Status.DRAFT:
        return contract
    offered = timezone.now()
    contract_offer(contract=contract, by=staff, today=on)
    backdate_notices(since=offered, day=on, hour=9)
    volunteer = application.volunteer.user
    answered = on + timedelta(days=1)
    if spec["status"] == Status.VOLUNTEER_SIGNED:
        contract_volunteer_sign(
            contract=contract, by=volunteer, full_name=volunteer.full_name, today=answered
        )
        contract.versions.update(volunteer_signed_at=at(answered, 20))
    elif spec["status"] == Status.DECLINED:
        declined = timezone.now()
        contract_volunteer_decline(contract=contract, by=volunteer, reason=spec["decline_reason"])
        backdate_notices(since=declined, day=answered, hour=20)
        contract.versions.update(declined_at=at(answered, 20))
    # The services date the moves now; the demo's happened on their days.
    contract.versions.update(offered_at=at(on, 9))
    return contract


def _notice_running(spec: dict, contract: Contract, *, staff, today: date) -> None:
    """Notice given ``notice_in_days`` before the load; the last day is still ahead."""
    notice = today + timedelta(days=spec["notice_in_days"])
    side = spec["notice_side"]
    contract_give_notice(
        contract=contract,
        by=contract.volunteer.user if side == Contract.Side.VOLUNTEER else staff,
        side=side,
        notice_given_on=notice,
        ended_on=earliest_end_after_notice(notice),
        reason=spec["end_reason"],
        explanation=spec["end_explanation"],
        compelling_reason=spec["compelling_reason"],
        today=notice,
    )


def last_day(spec: dict, *, today: date) -> date:
    """The contract's last day: its planned end, or the end its notice allows."""
    if spec["status"] == Status.ENDED_EARLY:
        return early_end(spec, today=today)[1]
    if "notice_in_days" in spec:
        return earliest_end_after_notice(today + timedelta(days=spec["notice_in_days"]))
    return contract_dates(spec, today=today)[1]


def _story(spec: dict, common: dict, volunteer: Volunteer, *, association, staff, today):
    """The contract's story, from its mission's publication to its end."""
    start, end = contract_dates(spec, today=today)
    timeline = Timeline(start=start, end=end, today=today, steps=common["days_before_start"])
    mission = contract_mission(spec, common, association, staff=staff, timeline=timeline)
    application = apply(volunteer=volunteer, mission=mission, on=timeline.day_of("applied"))
    shortlist(application, by=staff, on=timeline.day_of("shortlisted"))
    accept(application, by=staff, on=timeline.day_of("accepted"))
    if spec["status"] in ON_ITS_WAY:
        _on_its_way(spec, application, staff=staff, today=today)
        return
    contract = sign_both_sides(application, staff=staff, on=timeline.day_of("signed"))
    if not spec["checklist"]:
        # The extract waits for the staff's check: the departure reminder is due.
        _send_criminal_record_extract(volunteer)
        return
    country, slug = spec["mission"]["country"], spec["mission"]["slug"]
    record_checklist(
        contract,
        staff=staff,
        timeline=timeline,
        insurance_reference=f"{common['insurer']}-{country}-{start:%Y}-0{len(slug)}",
    )
    if spec["status"] not in UNDER_WAY_OR_OVER:
        return
    contract_activate(contract=contract, by=staff, today=start)
    # The service dates the departure now; the volunteer left on the first day.
    Contract.objects.filter(pk=contract.pk).update(activated_at=at(start))
    if spec["status"] == Status.COMPLETED:
        contract_complete(contract=contract, by=staff, today=today)
    elif spec["status"] == Status.ENDED_EARLY:
        notice, ended_on = early_end(spec, today=today)
        contract_give_notice(
            contract=contract,
            by=staff,
            side=Contract.Side.ASSOCIATION,
            notice_given_on=notice,
            ended_on=ended_on,
            reason=spec["end_reason"],
            explanation=spec["end_explanation"],
            compelling_reason=spec["compelling_reason"],
            today=notice,
        )
        # The daily job ended it the day after its last day.
        contracts_end_due(today=ended_on + timedelta(days=1))
    else:
        if "notice_in_days" in spec:
            _notice_running(spec, contract, staff=staff, today=today)
        if "leave_days_taken" in spec:
            contract_record_leave_taken(
                contract=contract, by=staff, days_taken=spec["leave_days_taken"]
            )
        return
    issue_certificate(contract, staff=staff, today=today)


def issue_certificate(contract: Contract, *, staff, today: date) -> None:
    """Staff issue the certificate of completion on the day of the load (after the last day)."""
    contract_issue_certificate(
        contract=contract,
        by=staff,
        place=contract.association.city or "Paris",
        signatory_name=staff.full_name or staff.email,
        signatory_role="Président·e",
        today=today,
    )
    # The service dates the certificate now; staff issued it in the morning of that day.
    Contract.objects.filter(pk=contract.pk).update(certificate_issued_at=at(today, 9))


def _report(spec: dict, report: DemoReport, *, staff, today: date) -> None:
    """The logins of a contract's volunteer, and of who has a move to make on it."""
    mission, status = spec["mission"], spec["status"]
    where = f"{mission['title']} ({mission['country']})"
    if status == Status.OFFERED:
        report.login("Volunteer: contract offered, to sign", spec["volunteer"], where)
    elif status == Status.VOLUNTEER_SIGNED:
        report.login("Volunteer: contract signed, awaiting the association", spec["volunteer"])
        report.login("Association admin: a contract to sign", staff.email, where)
    elif status in (Status.DRAFT, Status.DECLINED):
        report.login(f"Volunteer: contract {status}", spec["volunteer"], where)
    else:
        notice = " (notice given)" if "notice_in_days" in spec else ""
        report.login(
            f"Volunteer: contract {status}{notice}",
            spec["volunteer"],
            f"{where}, ends {last_day(spec, today=today)}",
        )


def load(*, today: date, report: DemoReport) -> None:
    content = read("engagements")
    common = content["contracts"]  # what every contract of the file shares
    for spec in content["contract"]:
        slug = spec.get("association", common["association"])
        association = Association.objects.filter(slug=slug).first()
        if association is None:  # the associations' demo did not run
            continue
        staff = association_admin(association)
        volunteer = _volunteer(spec, common["volunteer_profile"], today=today)
        if volunteer is None:
            continue
        if not Mission.objects.filter(slug=spec["mission"]["slug"]).exists():
            _story(spec, common, volunteer, association=association, staff=staff, today=today)
        if "name" in spec:
            _report(spec, report, staff=staff, today=today)
    certified = (
        Contract.objects.filter(
            mission__slug__in=[s["mission"]["slug"] for s in content["contract"]]
        )
        .exclude(certificate_code=None)
        .order_by("pk")
        .first()
    )
    if certified is not None:
        report.login(
            "Anyone: check a certificate at /certificates/verify/",
            format_certificate_code(certified.certificate_code),
            f"{certified.volunteer.user.full_name}'s certificate",
        )

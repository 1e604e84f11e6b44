"""A year of the portal's activity (``data/history.toml``), for the dashboards and the
statistics page: missions published month after month, applications answered after a
few days, contracts under way, completed, past their end or about to start.

Each story goes through the services on the day it happened, like the contracts of
``demo/contracts.py`` (whose steps it reuses): the association publishes the mission, the
volunteers apply, the staff answer the others and take one, both sides sign, the
departure checklist is recorded, the contract starts, and ends with its certificate. A
step that would fall after the day of the load has not happened yet. Runs after the
contracts. Idempotent: a story's mission is found by slug.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import cycle

from associations.models import Association
from missions.models import Application, Contract, Mission
from missions.services.contract_departure import contract_activate
from missions.services.contract_ends import contract_complete
from vsi_portal.entitlements import add_months

from .accounts import demo_user
from .applications import accept, apply, decide, shortlist
from .associations import association_admin
from .content import at, read
from .contracts import contract_mission, issue_certificate, record_checklist, sign_both_sides
from .volunteers import volunteer_in_demo

NOT_RETAINED = "Merci pour votre candidature. Nous avons retenu un autre profil pour cette mission."


@dataclass(frozen=True)
class StartTimeline:
    """The days of a story: each step so many days before the contract's first day."""

    start: date
    end: date
    steps: dict[str, int]

    def day_of(self, step: str) -> date:
        return self.start - timedelta(days=self.steps[step])

    @property
    def social_security_affiliated_on(self) -> date:
        return self.start - timedelta(days=self.steps["social_security_affiliated"])


def _answer_others(others, *, staff, after_days: int, today: date) -> None:
    """The other applicants, (application, day sent): the first shortlisted, then every one
    not retained."""
    for i, (application, sent_on) in enumerate(others):
        answered = min(sent_on + timedelta(days=after_days + i), today)
        if i == 0:
            shortlist(application, by=staff, on=answered)
            answered = min(answered + timedelta(days=3), today)
        decide(
            application,
            {"status": Application.Status.REJECTED, "reason": "profile", "message": NOT_RETAINED},
            staff=staff,
            on=answered,
        )


def _story(spec: dict, content: dict, applicants, *, today: date) -> None:
    association = Association.objects.filter(slug=spec["association"]).first()
    if association is None:  # the associations' demo did not run
        return
    staff = association_admin(association)
    start = today + timedelta(days=spec["start_in_days"])
    end = add_months(start, spec["months"]) - timedelta(days=1)
    timeline = StartTimeline(start=start, end=end, steps=content["days_before_start"])
    common = {
        "domain": spec["domain"],
        "allowance_eur": content["allowance_eur"],
        "languages": content["languages"],
    }
    mission_spec = {"mission": {k: spec[k] for k in ("slug", "title", "country", "place")}}
    mission = contract_mission(mission_spec, common, association, staff=staff, timeline=timeline)
    applied = timeline.day_of("applied")
    others = []
    for i in range(spec["others"]):
        sent_on = applied + timedelta(days=1 + i)
        others.append((apply(volunteer=next(applicants), mission=mission, on=sent_on), sent_on))
    user = demo_user(email=spec["hired"]["email"], full_name=spec["hired"]["name"])
    hired = volunteer_in_demo(user, content["volunteer_profile"], today=today)
    application = apply(volunteer=hired, mission=mission, on=applied)
    after = spec["answered_after_days"]
    _answer_others(others, staff=staff, after_days=after, today=today)
    accepted_on = timeline.day_of("accepted")
    shortlist(application, by=staff, on=min(applied + timedelta(days=after), accepted_on))
    accept(application, by=staff, on=accepted_on)
    contract = sign_both_sides(application, staff=staff, on=timeline.day_of("signed"))
    if timeline.day_of("training_completed") > today:
        return  # leaving soon: the checklist is still open
    record_checklist(
        contract,
        staff=staff,
        timeline=timeline,
        insurance_reference=f"{content['insurer']}-{spec['country']}-{start:%Y}-{mission.pk}",
    )
    if start > today:
        return
    contract_activate(contract=contract, by=staff, today=start)
    Contract.objects.filter(pk=contract.pk).update(activated_at=at(start))
    if end >= today or not spec.get("certified", True):
        return  # under way, or over with its completion and certificate still to record
    contract_complete(contract=contract, by=staff, today=end + timedelta(days=1))
    issue_certificate(contract, staff=staff, today=end + timedelta(days=3))
    Contract.objects.filter(pk=contract.pk).update(
        certificate_issued_at=at(end + timedelta(days=3))
    )


def load(*, today: date) -> None:
    content = read("history")
    applicants = cycle(
        [
            volunteer_in_demo(
                demo_user(email=person["email"], full_name=person["name"]),
                content["volunteer_profile"],
                today=today,
            )
            for person in content["applicants"]
        ]
    )
    for spec in content["mission"]:
        if not Mission.objects.filter(slug=spec["slug"]).exists():
            _story(spec, content, applicants, today=today)

"""The "missions I can apply to" filter agrees with eligibility.check, on generated cases.

Runs on the database the suite runs on (PostgreSQL in CI, SQLite by default): each
example writes a few missions inside a transaction rolled back at its end.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from missions.models import Mission
from missions.selectors.candidates import mission_contract
from missions.selectors.search import applicable_to
from missions.services.search import missions_reindex
from tests.factories import AssociationFactory, MissionFactory
from vsi_portal.eligibility import Candidate, Leave, Period, check
from vsi_portal.entitlements import LIFETIME_CAP_DAYS, add_months

BASE = date(2027, 1, 1)
offsets = st.integers(-3, 3).map(lambda n: timedelta(days=n))
# Boundary countries (France and its territories, EEA States and territories, CH, GB) and
# ordinary destinations, drawn often enough that many missions are open to the volunteer.
mission_countries = st.one_of(
    st.sampled_from("FR DE PF GB CH RE GL DK NC".split()),
    st.sampled_from("SN MA US KH BR".split()),
)
person_countries = st.sampled_from("FR DE SN MA GB CH US RE GL PF BR KH DK".split())


@st.composite
def missions_spec(draw):
    start = BASE + timedelta(days=draw(st.integers(0, 900)))
    end = draw(
        st.one_of(
            st.builds(lambda n: start + timedelta(days=n), st.integers(0, 800)),
            # around the 2-year limit: add_months(start, 24) - 1 day, give or take
            st.builds(lambda off: add_months(start, 24) - timedelta(days=1) + off, offsets),
            st.builds(lambda off: add_months(start, 12) - timedelta(days=1) + off, offsets),
        )
    )
    expires = draw(
        st.one_of(
            st.none(),
            st.builds(lambda off: start + off, offsets),
            st.just(start + timedelta(days=2000)),
        )
    )
    return {
        "country": draw(mission_countries),
        "start_on": start,
        "end_on": max(start, end),
        "min_age": draw(st.sampled_from([18, 18, 21, 25])),
        "association_status": draw(
            st.sampled_from(["approved", "approved", "approved", "suspended"])
        ),
        "approval_expires_on": expires,
    }


@st.composite
def candidates_near(draw, specs):
    anchor = draw(st.sampled_from(specs))
    start, end = anchor["start_on"], anchor["end_on"]
    age = draw(st.sampled_from([17, 18, 20, 21, 24, 25, 30, 30, 30]))
    birth = add_months(start, -12 * age) + draw(offsets)
    employed = draw(st.sampled_from([False, False, True]))
    leave = None
    if employed and draw(st.booleans()):
        leave_start = start + draw(offsets)
        leave = Leave(
            draw(st.sampled_from(["sabbatical", "solidarity"])),
            leave_start,
            max(leave_start, end + draw(offsets)),
        )
    near_start = st.builds(
        lambda length, gap: Period(start - gap - timedelta(days=length), start - gap),
        st.integers(0, 2000),
        offsets,
    )
    room = LIFETIME_CAP_DAYS - ((end - start).days + 1)
    near_cap = st.builds(
        lambda extra: Period(
            date(1990, 1, 1), date(1990, 1, 1) + timedelta(days=max(0, room + extra))
        ),
        st.integers(-2, 1),
    )
    return Candidate(
        birth_date=birth,
        nationalities=draw(st.frozensets(person_countries, min_size=1, max_size=2)),
        residence=draw(person_countries),
        employed=employed,
        leave=leave,
        other_activity=draw(st.sampled_from([False, False, False, True])),
        prior_missions=tuple(
            draw(st.one_of(st.just([]), st.lists(st.one_of(near_start, near_cap), max_size=2)))
        ),
    )


@st.composite
def cases(draw):
    specs = draw(st.lists(missions_spec(), min_size=1, max_size=6))
    return specs, draw(candidates_near(specs))


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=cases())
def test_filter_returns_exactly_the_missions_check_finds_eligible(db, case):
    specs, candidate = case
    with transaction.atomic():
        missions = []
        for spec in specs:
            association = AssociationFactory(
                status=spec["association_status"], approval_expires_on=spec["approval_expires_on"]
            )
            missions.append(
                MissionFactory(
                    association=association,
                    country=spec["country"],
                    start_on=spec["start_on"],
                    end_on=spec["end_on"],
                    application_deadline=spec["start_on"] - timedelta(days=1),
                    min_age=spec["min_age"],
                )
            )
        missions_reindex(missions=missions)
        found = set(
            applicable_to(
                Mission.objects.filter(pk__in=[m.pk for m in missions]), candidate
            ).values_list("pk", flat=True)
        )
        expected = {
            mission.pk
            for mission in Mission.objects.select_related("association").filter(
                pk__in=[m.pk for m in missions]
            )
            if check(candidate, mission_contract(mission)).eligible
        }
        transaction.set_rollback(True)
    event(f"some eligible: {bool(expected)}; some not: {len(expected) < len(specs)}")
    assert found == expected


def _french_resident_born_on(birth: date) -> Candidate:
    """A French national living in France, free to leave: only the age can refuse them."""
    return Candidate(
        birth_date=birth,
        nationalities=frozenset({"FR"}),
        residence="FR",
        employed=False,
        leave=None,
        other_activity=False,
        prior_missions=(),
    )


# Someone born on 29 February is a year older on 1 March in common years and on
# 29 February in leap years; the database computes these dates itself.
LEAP_DAY_BIRTHS = [
    (date(2012, 2, 29), 18, date(2030, 3, 1)),
    (date(2012, 2, 29), 20, date(2032, 2, 29)),
    (date(2012, 2, 29), 21, date(2033, 3, 1)),
    (date(2008, 3, 1), 20, date(2028, 3, 1)),
    (date(2008, 2, 28), 21, date(2029, 2, 28)),
]


@pytest.mark.parametrize(("birth", "min_age", "birthday"), LEAP_DAY_BIRTHS)
@pytest.mark.parametrize("start_offset", [-1, 0, 1])
def test_filter_agrees_with_check_on_the_minimum_age_birthday(
    db, birth, min_age, birthday, start_offset
):
    start = birthday + timedelta(days=start_offset)
    mission = MissionFactory(
        association__approval_expires_on=None,  # approved whatever the start year
        country="SN",
        start_on=start,
        end_on=add_months(start, 12) - timedelta(days=1),
        application_deadline=start - timedelta(days=1),
        min_age=min_age,
    )
    missions_reindex(missions=[mission])
    candidate = _french_resident_born_on(birth)
    found = applicable_to(Mission.objects.filter(pk=mission.pk), candidate).exists()
    expected = check(candidate, mission_contract(mission)).eligible
    assert found == expected == (start_offset >= 0)


@pytest.mark.parametrize("min_age", [99, 100, 120])
def test_filter_agrees_with_check_on_a_very_high_minimum_age(db, min_age):
    mission = MissionFactory(association__approval_expires_on=None, country="SN", min_age=min_age)
    missions_reindex(missions=[mission])
    candidate = _french_resident_born_on(date(1900, 1, 1))
    found = applicable_to(Mission.objects.filter(pk=mission.pk), candidate).exists()
    assert found == check(candidate, mission_contract(mission)).eligible

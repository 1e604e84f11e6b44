"""The dashboards' figures (missions/selectors/dashboards.py), each against counts computed
here from the objects, for an association (its own only) and for the whole programme."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from missions.models import Application, ApplicationEvent, Contract, Mission
from missions.selectors.dashboards import (
    applications_per_mission,
    dashboard,
    median_of_counts,
    month_starts,
    programme_dashboard_shown,
)
from missions.services.applications import application_move_dates_refresh
from missions.tasks import refresh_programme_dashboard
from tests.factories import (
    ApplicationFactory,
    AssociationFactory,
    ContractFactory,
    MissionFactory,
)
from vsi_portal.eligibility import Period
from vsi_portal.entitlements import days

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
TODAY = date(2026, 6, 15)


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=PARIS)


def _mission(association, *, published_on: date | None, domain="teaching", country="SN"):
    return MissionFactory(
        association=association,
        domain=domain,
        country=country,
        status="published" if published_on else "draft",
        published_at=_at(published_on) if published_on else None,
    )


def _application(mission, *, on: date, moves=(), status=None):
    """An application sent on ``on``; ``moves``: (status, hours after sending) events."""
    application = ApplicationFactory(
        mission=mission,
        submitted_at=_at(on),
        status=status or (moves[-1][0] if moves else "submitted"),
    )
    ApplicationEvent.objects.create(
        application=application, to_status="submitted", at=_at(on), by=None
    )
    previous = "submitted"
    for to_status, hours in moves:
        ApplicationEvent.objects.create(
            application=application,
            from_status=previous,
            to_status=to_status,
            at=_at(on) + timedelta(hours=hours),
            by=None,
        )
        previous = to_status
    application_move_dates_refresh(applications=Application.objects.filter(pk=application.pk))
    return application


def _contract(mission, *, status, start: date, end: date, **values):
    return ContractFactory(
        application__mission=mission,
        # Accepted long ago: outside the funnel's 12 months, still one of the mission's.
        application__submitted_at=_at(date(2024, 1, 10)),
        status=status,
        start_on=start,
        end_on=end,
        country=mission.country,
        **values,
    )


CHECKLIST_DONE = {
    "criminal_record_checked_on": TODAY - timedelta(days=60),
    "social_security_affiliated_on": TODAY - timedelta(days=60),
    "insurance_reference": "INS-1",
    "training_completed_on": TODAY - timedelta(days=60),
}


@dataclass
class World:
    association: object
    other: object


@pytest.fixture
def world() -> World:
    """Association A's missions, applications and contracts, and association B's."""
    a, b = AssociationFactory(), AssociationFactory()
    # Publications: two in June, one in January, one 13 months ago (outside), one draft.
    june = _mission(a, published_on=TODAY - timedelta(days=3), domain="health", country="MG")
    june_b = _mission(a, published_on=date(2026, 6, 1))
    january = _mission(a, published_on=date(2026, 1, 20), domain="water")
    _mission(a, published_on=date(2025, 5, 10))
    _mission(a, published_on=None)
    # Applications: answered after 2, 30 and 50 hours; one withdrawn before any answer;
    # one left unanswered; one from 14 months ago (outside).
    _application(june, on=TODAY - timedelta(days=2), moves=[("shortlisted", 2)])
    accepted = _application(
        june, on=TODAY - timedelta(days=3), moves=[("shortlisted", 30), ("accepted", 40)]
    )
    _application(june, on=TODAY - timedelta(days=3), moves=[("rejected", 50)])
    _application(june_b, on=TODAY - timedelta(days=5), moves=[("withdrawn", 3)])
    _application(january, on=date(2026, 2, 1))
    _application(january, on=date(2025, 4, 1))
    # Contracts: the accepted application's, planned soon with its checklist incomplete.
    ContractFactory(
        application=accepted,
        status="planned",
        start_on=TODAY + timedelta(days=10),
        end_on=TODAY + timedelta(days=375),
    )
    # Under way since last year (served from 1 January), ending in 20 days.
    _contract(
        january,
        status="active",
        start=date(2025, 9, 1),
        end=TODAY + timedelta(days=20),
        **CHECKLIST_DONE,
    )
    # Completed in March (certificate due), and one with its certificate issued.
    _contract(june_b, status="completed", start=date(2025, 3, 1), end=date(2026, 3, 31))
    _contract(
        june_b,
        status="completed",
        start=date(2025, 2, 1),
        end=date(2026, 2, 28),
        certificate_issued_at=_at(date(2026, 3, 2)),
    )
    # Ended early before its departure: served nothing; ended early after 2 months.
    _contract(
        june,
        status="ended_early",
        start=date(2026, 2, 1),
        end=date(2027, 1, 31),
        ended_on=date(2026, 2, 20),
        activated_at=None,
    )
    _contract(
        june,
        status="ended_early",
        start=date(2026, 1, 10),
        end=date(2026, 12, 31),
        ended_on=date(2026, 3, 9),
    )
    # Association B: one mission in June, two applications, a contract under way in Peru.
    other = _mission(b, published_on=TODAY - timedelta(days=1), domain="water", country="PE")
    _application(other, on=TODAY - timedelta(days=1), moves=[("shortlisted", 100)])
    _application(other, on=TODAY - timedelta(days=1))
    _contract(
        other,
        status="active",
        start=date(2026, 5, 1),
        end=date(2027, 4, 30),
        **CHECKLIST_DONE,
    )
    return World(association=a, other=b)


def test_month_starts_are_the_twelve_calendar_months_up_to_today():
    assert month_starts(TODAY) == [date(2025, m, 1) for m in range(7, 13)] + [
        date(2026, m, 1) for m in range(1, 7)
    ]


def test_missions_published_per_month_count_each_calendar_month(world):
    figures = dashboard(world.association, today=TODAY)
    counts = {month.month: month.value for month in figures.published_by_month}
    assert counts[date(2026, 6, 1)] == 2
    assert counts[date(2026, 1, 1)] == 1
    assert sum(counts.values()) == 3  # 13 months ago and the draft are not counted
    programme = dashboard(None, today=TODAY)
    assert {m.month: m.value for m in programme.published_by_month}[date(2026, 6, 1)] == 3


def test_applications_per_mission_group_the_missions_of_the_last_12_months(world):
    figures = dashboard(world.association, today=TODAY)
    buckets = {bucket.label: bucket.value for bucket in figures.applications_per_mission}
    # The missions published in the last 12 months, with every application they received.
    received = [
        Application.objects.filter(mission=mission).count()
        for mission in Mission.objects.filter(
            association=world.association, published_at__gte=_at(date(2025, 6, 16), 0)
        )
    ]
    assert buckets == {
        "0": received.count(0),
        "1": received.count(1),
        "2–4": sum(2 <= n <= 4 for n in received),
        "5–9": sum(5 <= n <= 9 for n in received),
        "10+": sum(n >= 10 for n in received),
    }
    assert sorted(received) == [3, 3, 5]
    assert figures.missions_counted == 3
    assert figures.applications_counted == sum(received)


def test_an_association_s_missions_are_bucketed_as_the_programme_s_are_in_sql(world):
    _grow(world.association, 12)
    shown = dashboard(world.association, today=TODAY).applications_per_mission
    assert shown == applications_per_mission(world.association, today=TODAY)


def test_the_top_missions_are_those_with_the_most_applications_most_first(world):
    _grow(world.association, 12)
    top = dashboard(world.association, today=TODAY).top_missions
    counts = {
        mission.pk: Application.objects.filter(mission=mission).count()
        for mission in Mission.objects.filter(
            association=world.association, published_at__gte=_at(date(2025, 6, 16), 0)
        )
    }
    assert [mission.value for mission in top] == sorted(counts.values(), reverse=True)[:10]
    assert all(counts[mission.pk] == mission.value for mission in top)


def test_the_funnel_counts_each_step_an_application_reached(world):
    funnel = dashboard(world.association, today=TODAY).funnel
    # Sent in the last 12 months: 5 (the one of 14 months ago is out). Shortlisted at
    # some point: 2 (one then accepted); accepted: 1; its contract is planned (signed).
    assert (funnel.submitted, funnel.shortlisted, funnel.accepted, funnel.contract) == (
        5,
        2,
        1,
        1,
    )
    programme = dashboard(None, today=TODAY).funnel
    assert (programme.submitted, programme.shortlisted) == (7, 3)


def test_a_contract_not_signed_by_both_sides_is_not_the_funnel_s_last_step(world):
    Contract.objects.filter(status="planned").update(status="offered")
    assert dashboard(world.association, today=TODAY).funnel.contract == 0


def test_the_time_to_a_first_answer_follows_the_response_rate_s_definitions(world):
    response = dashboard(world.association, today=TODAY).response
    # Counted: 5 sent minus the one withdrawn before any answer = 4; answered: 3, after
    # 2, 30 and 50 hours: median 30 hours, about a day.
    assert (response.counted, response.answered) == (4, 3)
    assert response.median_hours == statistics.median([2, 30, 50])
    assert response.median_days == 1
    assert response.rate_percent == 75


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], None),
        ([(5, 1)], 5),
        ([(1, 1), (3, 1)], 2),
        ([(1, 1), (4, 1)], 3),  # 2.5 rounded up
        ([(1, 3), (10, 1)], 1),
        ([(2, 2), (7, 2), (9, 1)], 7),
    ],
)
def test_median_of_counts_is_the_median_of_the_values_repeated(values, expected):
    assert median_of_counts(values) == expected
    if values:
        repeated = [value for value, n in values for _ in range(n)]
        assert median_of_counts(values) == int(statistics.median(repeated) + 0.5)


def test_contracts_running_are_planned_or_under_way_by_country_and_domain(world):
    figures = dashboard(world.association, today=TODAY)
    running = Contract.objects.running().filter(association=world.association)
    expected_countries: dict[str, int] = {}
    expected_domains: dict[str, int] = {}
    for contract in running.select_related("mission"):
        expected_countries[contract.country] = expected_countries.get(contract.country, 0) + 1
        domain = contract.mission.domain
        expected_domains[domain] = expected_domains.get(domain, 0) + 1
    assert {c.code: c.value for c in figures.running_by_country} == expected_countries
    assert {d.code: d.value for d in figures.running_by_domain} == expected_domains
    assert figures.running == 2
    assert {c.code for c in dashboard(None, today=TODAY).running_by_country} == {"MG", "SN", "PE"}


def _days_served_in(contracts, first: date, last: date) -> int:
    """The days of each contract's ``served_period`` that fall in first..last."""
    total = 0
    for contract in contracts:
        served = contract.served_period(today=TODAY)
        if served is None:
            continue
        start, end = max(served.start, first), min(served.end, last)
        if start <= end:
            total += days(Period(start, end))
    return total


def test_days_served_this_year_are_the_served_periods_cut_to_each_month(world):
    figures = dashboard(world.association, today=TODAY)
    contracts = list(Contract.objects.filter(association=world.association))
    assert len(figures.days_served_by_month) == 6  # January to June
    for month in figures.days_served_by_month:
        next_month = date(month.month.year, month.month.month % 12 + 1, 1)
        last = min(next_month - timedelta(days=1), TODAY)
        assert month.value == _days_served_in(contracts, month.month, last), month.month
    assert figures.days_served == _days_served_in(contracts, date(2026, 1, 1), TODAY)


def test_upcoming_deadlines_count_departures_ends_and_certificates_due(world):
    deadlines = dashboard(world.association, today=TODAY).deadlines
    # The planned departure in 10 days (checklist incomplete), the end in 20 days, and the
    # certificates of the contract completed in March and of the one ended early then (not
    # the one ended before its departure: it served nothing, no certificate is issued).
    assert deadlines.departures == 1
    assert deadlines.departures_incomplete == 1
    assert deadlines.ends == 1
    expected_due = [
        c
        for c in Contract.objects.filter(association=world.association)
        if c.served_period(today=TODAY) is not None
        and c.certificate_issued_at is None
        and c.last_day < TODAY
    ]
    assert deadlines.certificates_due == len(expected_due) == 2


def test_the_association_s_lists_name_its_own_deadlines(world):
    figures = dashboard(world.association, today=TODAY)
    assert [c.start_on for c in figures.next_departures] == [TODAY + timedelta(days=10)]
    assert [c.end_on for c in figures.next_ends] == [TODAY + timedelta(days=20)]
    assert {c.association_id for c in figures.certificates_waiting} == {world.association.pk}


def test_an_association_sees_only_its_own_figures(world):
    mine = dashboard(world.association, today=TODAY)
    theirs = dashboard(world.other, today=TODAY)
    everyone = dashboard(None, today=TODAY)
    assert {c.code for c in mine.running_by_country} == {"MG", "SN"}
    assert {c.code for c in theirs.running_by_country} == {"PE"}
    assert mine.funnel.submitted + theirs.funnel.submitted == everyone.funnel.submitted
    assert mine.days_served + theirs.days_served == everyone.days_served
    assert mine.missions_counted + theirs.missions_counted == everyone.missions_counted
    assert all(m.title for m in mine.top_missions)
    assert {m.pk for m in theirs.top_missions}.isdisjoint({m.pk for m in mine.top_missions})


@pytest.mark.parametrize("today", [TODAY, date(2026, 1, 9), date(2026, 12, 31)])
def test_days_served_add_up_per_month_across_every_span(today):
    """Contracts starting and ending in every pair of months, before 1 January and after
    today, in each status that serves days: each month's sum is the served periods' days."""
    association = AssociationFactory()
    mission = _mission(association, published_on=date(2025, 6, 1))
    spans = [
        (date(2025, 11, 20), date(2026, 1, 31)),
        (date(2026, 1, 1), date(2026, 1, 1)),
        (date(2026, 1, 15), date(2026, 3, 14)),
        (date(2026, 2, 28), date(2026, 2, 28)),
        (date(2026, 2, 1), date(2026, 6, 30)),
        (date(2026, 3, 31), date(2026, 12, 31)),
        (date(2026, 5, 17), date(2027, 2, 1)),
        (date(2025, 3, 1), date(2027, 3, 1)),
    ]
    for i, (start, end) in enumerate(spans):
        ended = end < today
        status = ("completed" if i % 2 else "ended_early") if ended else "active"
        extra = {"ended_on": end - timedelta(days=i)} if status == "ended_early" else {}
        if start <= today:
            _contract(mission, status=status, start=start, end=end, **extra)
    figures = dashboard(association, today=today)
    contracts = list(Contract.objects.filter(association=association))
    for month in figures.days_served_by_month:
        next_month = date(month.month.year + month.month.month // 12, month.month.month % 12 + 1, 1)
        last = min(next_month - timedelta(days=1), today)
        served = sum(
            _served_days(contract, month.month, last, today=today) for contract in contracts
        )
        assert month.value == served, month.month


def _served_days(contract, first: date, last: date, *, today: date) -> int:
    served = contract.served_period(today=today)
    if served is None:
        return 0
    start, end = max(served.start, first), min(served.end, last)
    return days(Period(start, end)) if start <= end else 0


def _grow(association, n: int) -> None:
    """n more of everything: missions, applications with answers, contracts."""
    for i in range(n):
        mission = _mission(association, published_on=TODAY - timedelta(days=i * 20 % 300))
        _application(mission, on=TODAY - timedelta(days=4), moves=[("shortlisted", i + 1)])
        _contract(
            mission,
            status="active",
            start=date(2026, 1, 1) + timedelta(days=i),
            end=TODAY + timedelta(days=30 + i),
        )


def test_the_dashboard_s_query_count_is_flat_in_the_number_of_rows(
    world, django_assert_num_queries
):
    # One query per figure; the association's buckets its missions itself (with its top
    # missions) and reads its three short lists in two.
    with django_assert_num_queries(6):
        dashboard(None, today=TODAY)
    with django_assert_num_queries(8):
        dashboard(world.association, today=TODAY)
    _grow(world.association, 15)
    with django_assert_num_queries(6):
        dashboard(None, today=TODAY)
    with django_assert_num_queries(8):
        dashboard(world.association, today=TODAY)


def test_the_programme_s_figures_are_read_from_the_cache_once_computed(
    world, django_assert_num_queries
):
    programme_dashboard_shown(today=TODAY)
    with django_assert_num_queries(0):
        figures = programme_dashboard_shown(today=TODAY)
    assert figures.funnel.submitted == 7


def test_the_beat_task_refreshes_the_programme_s_figures_in_the_cache(
    world, django_assert_num_queries, settings
):
    assert "missions.refresh_programme_dashboard" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    refresh_programme_dashboard.delay()
    today = timezone.localdate()
    with django_assert_num_queries(0):
        figures = programme_dashboard_shown(today=today)
    assert figures.today == today

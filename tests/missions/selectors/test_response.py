"""``association_response``: the response rate and median time to a first answer."""

from __future__ import annotations

import statistics
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from missions.models import Application, ApplicationEvent, AssociationResponseDay
from missions.selectors.response import (
    AssociationResponse,
    association_response,
    association_response_shown,
    median_whole_days,
    response_sentence,
    whole_percent,
)
from missions.services.application_expiry import applications_close_unanswered
from missions.services.applications import application_move_dates_refresh
from tests.factories import ApplicationFactory, AssociationFactory, MissionFactory, UserFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
TODAY = date(2026, 6, 15)


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=PARIS)


def _apply(
    mission,
    *,
    on: date,
    answered_after: timedelta | None = None,
    to="shortlisted",
    withdrawn_after: timedelta | None = None,
):
    """An application submitted on ``on`` with its events: the staff's first answer after
    ``answered_after``, the volunteer's withdrawal after ``withdrawn_after``."""
    submitted_at = _at(on)
    status = to if answered_after is not None else "submitted"
    application = ApplicationFactory(mission=mission, submitted_at=submitted_at, status=status)
    ApplicationEvent.objects.create(
        application=application,
        from_status="",
        to_status="submitted",
        at=submitted_at,
        by=application.volunteer.user,
    )
    if answered_after is not None:
        ApplicationEvent.objects.create(
            application=application,
            from_status="submitted",
            to_status=to,
            at=submitted_at + answered_after,
            by=UserFactory(),
        )
    if withdrawn_after is not None:
        application.status = "withdrawn"
        application.save(update_fields=["status"])
        ApplicationEvent.objects.create(
            application=application,
            from_status=status,
            to_status="withdrawn",
            at=submitted_at + withdrawn_after,
            by=application.volunteer.user,
        )
    application_move_dates_refresh(applications=Application.objects.filter(pk=application.pk))
    return application


@pytest.fixture
def mission():
    return MissionFactory(association=AssociationFactory())


def test_rate_and_median_on_known_data(mission):
    for days in (1, 3, 6, 9):
        _apply(mission, on=TODAY - timedelta(days=40), answered_after=timedelta(days=days))
    _apply(mission, on=TODAY - timedelta(days=40), answered_after=timedelta(days=20), to="rejected")
    _apply(mission, on=TODAY - timedelta(days=5))
    _apply(mission, on=TODAY - timedelta(days=2))

    response = association_response(mission.association, today=TODAY)

    # 5 answered of 7: 71.4 % → 71; median of 1, 3, 6, 9, 20 days = 6.
    assert response == AssociationResponse(counted=7, answered=5, rate_percent=71, median_days=6)


def test_applications_closed_without_an_answer_count_as_not_answered(mission):
    for days in (2, 4, 6):
        _apply(mission, on=TODAY - timedelta(days=60), answered_after=timedelta(days=days))
    for _ in range(2):  # nobody answered: the daily scan closed them on their 30th day
        _apply(mission, on=TODAY - timedelta(days=50))
    _apply(mission, on=TODAY - timedelta(days=50), withdrawn_after=timedelta(days=3))
    assert len(applications_close_unanswered(today=TODAY - timedelta(days=20))) == 2

    response = association_response(mission.association, today=TODAY)

    # 3 answered of 5 counted (the withdrawal before an answer is not): 60 %; median 4 days.
    assert response == AssociationResponse(counted=5, answered=3, rate_percent=60, median_days=4)


def test_the_median_of_an_even_count_is_rounded_half_up(mission):
    for hours in (24, 24, 60, 60, 60):  # 1, 1, 2.5, 2.5, 2.5 days → 2.5 → 3
        _apply(mission, on=TODAY - timedelta(days=30), answered_after=timedelta(hours=hours))
    _apply(mission, on=TODAY - timedelta(days=30), answered_after=timedelta(hours=24))

    # 1, 1, 1, 2.5, 2.5, 2.5 → median 1.75 → 2
    assert association_response(mission.association, today=TODAY).median_days == 2


def test_only_the_first_answer_counts(mission):
    for _ in range(5):
        application = _apply(
            mission, on=TODAY - timedelta(days=30), answered_after=timedelta(days=2)
        )
        ApplicationEvent.objects.create(
            application=application,
            from_status="shortlisted",
            to_status="accepted",
            at=application.submitted_at + timedelta(days=15),
        )

    assert association_response(mission.association, today=TODAY).median_days == 2


def test_an_answer_by_an_account_since_deleted_still_counts(mission):
    for _ in range(5):
        application = _apply(
            mission, on=TODAY - timedelta(days=30), answered_after=timedelta(days=4)
        )
    ApplicationEvent.objects.filter(application=application, to_status="shortlisted").update(
        by=None
    )

    assert association_response(mission.association, today=TODAY).rate_percent == 100


def test_the_window_starts_the_day_after_the_same_day_a_year_ago(mission):
    for _ in range(5):
        _apply(mission, on=date(2025, 6, 16), answered_after=timedelta(days=1))
    _apply(mission, on=date(2025, 6, 15))  # 12 months ago to the day: out

    response = association_response(mission.association, today=TODAY)

    assert (response.counted, response.rate_percent) == (5, 100)


def test_the_window_ends_with_today(mission):
    for _ in range(4):
        _apply(mission, on=TODAY - timedelta(days=100), answered_after=timedelta(days=1))
    ApplicationFactory(mission=mission, submitted_at=_at(TODAY, hour=23))  # in
    ApplicationFactory(mission=mission, submitted_at=_at(TODAY + timedelta(days=1), hour=0))  # out

    response = association_response(mission.association, today=TODAY)

    assert response.counted == 5


def test_an_application_withdrawn_before_any_answer_is_not_counted(mission):
    for _ in range(5):
        _apply(mission, on=TODAY - timedelta(days=30), answered_after=timedelta(days=3))
    for _ in range(3):
        _apply(mission, on=TODAY - timedelta(days=30), withdrawn_after=timedelta(days=1))

    response = association_response(mission.association, today=TODAY)

    assert (response.counted, response.rate_percent) == (5, 100)


def test_an_application_withdrawn_after_an_answer_is_counted_as_answered(mission):
    for _ in range(4):
        _apply(mission, on=TODAY - timedelta(days=30))
    _apply(
        mission,
        on=TODAY - timedelta(days=30),
        answered_after=timedelta(days=3),
        withdrawn_after=timedelta(days=5),
    )

    response = association_response(mission.association, today=TODAY)

    assert (response.counted, response.answered, response.rate_percent) == (5, 1, 20)


def test_fewer_than_five_applications_is_new_on_the_portal(mission):
    for _ in range(4):
        _apply(mission, on=TODAY - timedelta(days=30), answered_after=timedelta(days=3))

    response = association_response(mission.association, today=TODAY)

    assert response.is_new
    assert (response.rate_percent, response.median_days) == (None, None)


def test_the_fifth_application_shows_the_figures(mission):
    for _ in range(5):
        _apply(mission, on=TODAY - timedelta(days=30), answered_after=timedelta(days=3))

    response = association_response(mission.association, today=TODAY)

    assert not response.is_new
    assert (response.rate_percent, response.median_days) == (100, 3)


def test_nothing_answered_gives_no_median(mission):
    for _ in range(5):
        _apply(mission, on=TODAY - timedelta(days=30))

    response = association_response(mission.association, today=TODAY)

    assert (response.rate_percent, response.median_days) == (0, None)


def test_another_associations_applications_are_not_counted(mission):
    other = MissionFactory()
    for _ in range(5):
        _apply(other, on=TODAY - timedelta(days=30), answered_after=timedelta(days=1))

    assert association_response(mission.association, today=TODAY).counted == 0


def test_every_mission_of_the_association_is_counted(mission):
    second = MissionFactory(association=mission.association)
    for target in (mission, mission, second, second, second):
        _apply(target, on=TODAY - timedelta(days=30), answered_after=timedelta(days=1))

    assert association_response(mission.association, today=TODAY).counted == 5


@pytest.mark.parametrize("applications", [1, 50])
def test_one_query_whatever_the_number_of_applications(
    mission, applications, django_assert_num_queries
):
    for i in range(applications):
        _apply(
            mission,
            on=TODAY - timedelta(days=30),
            answered_after=timedelta(days=i % 7) if i % 3 else None,
        )

    with django_assert_num_queries(1):
        association_response(mission.association, today=TODAY)


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=500), st.integers(min_value=1, max_value=500))
def test_the_whole_percent_is_the_ratio_rounded_half_up(part, extra):
    whole = part + extra - 1 if part else extra
    exact = part * 100 / whole
    assert abs(whole_percent(part, whole) - exact) <= 0.5
    assert 0 <= whole_percent(part, whole) <= 100


@settings(max_examples=200)
@given(st.lists(st.integers(min_value=0, max_value=90 * 86400), min_size=1, max_size=40))
def test_the_median_is_the_statistics_median_rounded_to_whole_days(seconds):
    expected = statistics.median(s / 86400 for s in seconds)
    result = median_whole_days([timedelta(seconds=s) for s in seconds])
    assert abs(result - expected) <= 0.5
    assert result == int(expected + 0.5)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Answers 87% of applications, in 6 days on median (last 12 months)"),
        ("fr", "Répond à 87\u00a0% des candidatures, en 6 jours en médiane (12 derniers mois)"),
    ],
)
def test_the_sentence_in_both_languages(language, expected):
    response = AssociationResponse(counted=30, answered=26, rate_percent=87, median_days=6)
    with translation.override(language):
        assert response_sentence(response) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "in 1 day on median"), ("fr", "en 1 jour en médiane")],
)
def test_one_day_is_singular(language, expected):
    response = AssociationResponse(counted=5, answered=5, rate_percent=100, median_days=1)
    with translation.override(language):
        assert expected in response_sentence(response)


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "New on the portal"), ("fr", "Nouvelle sur le portail")]
)
def test_new_on_the_portal_in_both_languages(language, expected):
    response = AssociationResponse(counted=4, answered=4, rate_percent=None, median_days=None)
    with translation.override(language):
        assert response_sentence(response) == expected


def test_the_pages_figure_is_kept_an_hour_without_reading_the_applications_again(
    django_assert_num_queries,
):
    association = AssociationFactory()
    today = date(2026, 12, 5)
    first = association_response_shown(association, today=today)
    with django_assert_num_queries(0):
        assert association_response_shown(association, today=today) == first


def test_the_pages_read_the_nightly_figures_in_one_query(django_assert_num_queries):
    association = AssociationFactory()
    today = date(2026, 12, 5)
    AssociationResponseDay.objects.create(
        association=association, day=today, counted=8, answered=6, median_days=3
    )

    with django_assert_num_queries(1):
        shown = association_response_shown(association, today=today)

    assert shown == AssociationResponse(counted=8, answered=6, rate_percent=75, median_days=3)


def test_the_pages_compute_the_figures_before_the_nightly_job_ran(mission):
    for days in (1, 2, 3, 4, 5):
        _apply(mission, on=TODAY - timedelta(days=30), answered_after=timedelta(days=days))
    AssociationResponseDay.objects.create(
        association=mission.association, day=TODAY - timedelta(days=1), counted=99, answered=0
    )

    shown = association_response_shown(mission.association, today=TODAY)

    assert shown == association_response(mission.association, today=TODAY)


def test_recorded_figures_of_a_new_association_show_none():
    association = AssociationFactory()
    today = date(2026, 12, 5)
    AssociationResponseDay.objects.create(
        association=association, day=today, counted=4, answered=4, median_days=1
    )

    assert association_response_shown(association, today=today).is_new

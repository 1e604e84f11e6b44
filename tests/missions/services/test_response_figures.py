"""``response_figures_record``: the nightly recording of the associations' response figures."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from missions.models import AssociationResponseDay
from missions.selectors.response import association_response
from missions.services.response_figures import response_figures_record
from tests.factories import ApplicationFactory, AssociationFactory, MissionFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


def _submitted(mission, *, count: int) -> None:
    at = datetime(2026, 5, 1, 10, tzinfo=ZoneInfo("Europe/Paris"))
    for _ in range(count):
        ApplicationFactory(mission=mission, submitted_at=at)


def test_the_recorded_figures_are_the_computed_ones():
    mission = MissionFactory(association=AssociationFactory())
    _submitted(mission, count=6)

    assert response_figures_record(today=TODAY) == 1

    row = AssociationResponseDay.objects.get(association=mission.association, day=TODAY)
    computed = association_response(mission.association, today=TODAY)
    assert (row.counted, row.answered, row.median_days) == (
        computed.counted,
        computed.answered,
        computed.median_days,
    )
    assert row.counted == 6


def test_recording_again_the_same_day_updates_the_one_row():
    mission = MissionFactory(association=AssociationFactory())
    _submitted(mission, count=5)
    response_figures_record(today=TODAY)
    _submitted(mission, count=2)

    response_figures_record(today=TODAY)

    assert AssociationResponseDay.objects.get(association=mission.association).counted == 7


def test_the_rows_of_earlier_days_go():
    MissionFactory(association=AssociationFactory())
    response_figures_record(today=TODAY - timedelta(days=1))

    response_figures_record(today=TODAY)

    assert list(AssociationResponseDay.objects.values_list("day", flat=True)) == [TODAY]


def test_an_association_without_missions_is_not_recorded():
    AssociationFactory()

    assert response_figures_record(today=TODAY) == 0
    assert not AssociationResponseDay.objects.exists()

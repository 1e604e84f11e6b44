"""My VSI's figures (missions/selectors/my_vsi.py) on fixed dates: a contract's planned
length apart from its days served, leave given, taken and left, the pension quarters kept
after the end, the 6-year cap's use, and the timeline's table."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from missions.models import Contract
from missions.selectors.my_vsi import my_vsi_for, volunteer_for_my_vsi
from tests.factories import ContractFactory, MissionFactory, VolunteerFactory

from .factories import PriorMissionFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 5)


def _contract(volunteer, *, start, end, status="active", **kwargs) -> Contract:
    mission = MissionFactory(start_on=start, end_on=end, country="SN")
    return ContractFactory(
        application__mission=mission,
        application__volunteer=volunteer,
        start_on=start,
        end_on=end,
        status=status,
        **kwargs,
    )


def _vsi(volunteer, today=TODAY):
    return my_vsi_for(volunteer_for_my_vsi(volunteer.user), today=today)


@pytest.fixture
def volunteer():
    return VolunteerFactory(user__preferred_language="en")


# --- The current contract -------------------------------------------------------------------


def test_contract_under_6_months_gives_no_leave_and_shows_its_days_served(volunteer):
    _contract(volunteer, start=date(2026, 10, 1), end=date(2027, 2, 28))
    current = _vsi(volunteer).current
    assert (current.planned_months, current.planned_days) == (5, 151)
    assert current.served_days == 66  # 1 October to 5 December
    assert (current.leave_days, current.leave_days_left) == (0, 0)
    assert current.reaches_twelve_months is False


def test_running_12_month_contract_shows_days_served_apart_from_its_length(volunteer):
    _contract(volunteer, start=date(2026, 6, 1), end=date(2027, 5, 31), leave_days_taken=5)
    current = _vsi(volunteer).current
    assert (current.planned_months, current.planned_days) == (12, 365)
    assert current.served_days == 188  # 1 June to 5 December
    assert (current.leave_days, current.leave_days_taken, current.leave_days_left) == (24, 5, 19)
    assert current.reaches_twelve_months is True
    assert current.ends_early is False


def test_running_contract_with_notice_says_it_ends_early(volunteer):
    _contract(
        volunteer,
        start=date(2026, 6, 1),
        end=date(2027, 5, 31),
        notice_given_on=date(2026, 11, 20),
        ended_on=date(2026, 12, 31),
        notice_side="volunteer",
        end_reason="family",
        compelling_reason=True,
    )
    current = _vsi(volunteer).current
    assert current.ends_early is True
    assert (current.planned_months, current.held_months) == (12, 7)
    assert current.leave_days == 14  # 7 whole months served


def test_page_shows_length_and_days_served_apart(client, volunteer):
    today = timezone.localdate()
    start = date(today.year - 1, today.month, 1)
    _contract(volunteer, start=start, end=date(today.year + 1, today.month, 1) - timedelta(days=1))
    client.cookies["django_language"] = "en"
    client.force_login(volunteer.user)
    response = client.get(reverse("volunteers:my_vsi"))
    current = response.context["vsi"].current
    html = response.content.decode()
    assert f"{current.served_days} days served of the {current.planned_days:,} planned" in html
    assert "24 months" in html


# --- After the end ----------------------------------------------------------------------------


def test_contract_planned_12_months_ended_after_7_keeps_its_figures_apart(volunteer):
    _contract(
        volunteer,
        start=date(2025, 6, 1),
        end=date(2026, 5, 31),
        status="ended_early",
        notice_given_on=date(2025, 11, 20),
        ended_on=date(2025, 12, 31),
        end_reason="health",
        compelling_reason=True,
    )
    ended = _vsi(volunteer).ended
    assert ended.ended_early is True
    assert ended.planned_months == 12
    assert (ended.served_days, ended.served_months) == (214, 7)
    assert ended.pension_quarters == ((2025, 2),)  # 214 days: 2 complete 90 days


def test_page_of_a_contract_ended_early_never_says_12_months_were_served(client, volunteer):
    _contract(
        volunteer,
        start=date(2025, 6, 1),
        end=date(2026, 5, 31),
        status="ended_early",
        notice_given_on=date(2025, 11, 20),
        ended_on=date(2025, 12, 31),
        end_reason="health",
        compelling_reason=True,
    )
    client.cookies["django_language"] = "en"
    client.force_login(volunteer.user)
    html = client.get(reverse("volunteers:my_vsi")).content.decode()
    assert "ended early after 7 whole months" in html
    assert "214 days" in html


def test_completed_contract_keeps_its_pension_quarters(volunteer):
    _contract(
        volunteer,
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        status="completed",
        leave_days_taken=24,
    )
    ended = _vsi(volunteer).ended
    assert ended.pension_quarters == ((2025, 4),)
    assert (ended.planned_months, ended.served_days, ended.ended_early) == (12, 365, False)
    assert _vsi(volunteer).current is None


def test_quarters_are_kept_a_year_later(volunteer):
    _contract(volunteer, start=date(2024, 1, 1), end=date(2024, 12, 31), status="completed")
    assert _vsi(volunteer, today=date(2026, 1, 10)).ended.pension_quarters == ((2024, 4),)


# --- The 6-year cap and the timeline ----------------------------------------------------------


def test_cap_use_counts_served_and_days_still_held(volunteer):
    PriorMissionFactory(volunteer=volunteer, start_on=date(2018, 1, 1), end_on=date(2018, 12, 31))
    _contract(volunteer, start=date(2026, 6, 1), end=date(2027, 5, 31))
    use = _vsi(volunteer).cap_use
    assert use.served == 365 + 188
    assert use.to_come == 177  # 6 December 2026 to 31 May 2027
    assert use.left == 2191 - 365 - 188 - 177


def test_timeline_table_lists_the_missions_oldest_first_with_their_values(client, volunteer):
    PriorMissionFactory(
        volunteer=volunteer,
        association_name="Agir au Sahel",
        start_on=date(2018, 1, 1),
        end_on=date(2018, 12, 31),
    )
    _contract(volunteer, start=date(2025, 1, 1), end=date(2025, 12, 31), status="completed")
    vsi = _vsi(volunteer)
    rows = [
        (entry.start, entry.end, entry.planned_days, entry.served_days, entry.declared)
        for entry in vsi.chronological
    ]
    assert rows == [
        (date(2018, 1, 1), date(2018, 12, 31), 365, 365, True),
        (date(2025, 1, 1), date(2025, 12, 31), 365, 365, False),
    ]
    client.cookies["django_language"] = "en"
    client.force_login(volunteer.user)
    html = client.get(reverse("volunteers:my_vsi")).content.decode()
    table = html[html.index('data-testid="timeline-table"') :]
    assert table.index("Agir au Sahel") < table.index("12 months, 365 days")
    assert 'role="img"' in html


def test_picture_draws_served_to_come_and_cancelled_segments(volunteer):
    _contract(
        volunteer,
        start=date(2026, 6, 1),
        end=date(2027, 5, 31),
        notice_given_on=date(2026, 11, 20),
        ended_on=date(2026, 12, 31),
        notice_side="association",
        end_reason="security",
        compelling_reason=True,
    )
    vsi = _vsi(volunteer)
    (entry,) = vsi.timeline
    assert entry.segments(TODAY) == (
        (date(2026, 6, 1), date(2026, 12, 5), "served"),
        (date(2026, 12, 6), date(2026, 12, 31), "to-come"),
        (date(2027, 1, 1), date(2027, 5, 31), "cancelled"),
    )
    (lane,) = vsi.picture.lanes
    assert [bar.kind for bar in lane.bars] == ["served", "to-come", "cancelled"]
    assert [tick.label for tick in vsi.picture.ticks] == ["2026", "2027"]

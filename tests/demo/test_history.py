"""The demo's year of activity: every chart of the dashboards and the statistics page has
something to show on the day of the load."""

from __future__ import annotations

import pytest

from associations.models import Association
from missions.selectors.dashboards import dashboard
from missions.selectors.statistics import public_statistics

pytestmark = pytest.mark.django_db


def test_every_dashboard_chart_and_the_statistics_have_figures_after_the_load(demo):
    today = demo
    figures = dashboard(None, today=today)
    assert sum(month.value > 0 for month in figures.published_by_month) >= 10
    assert sum(bucket.value for bucket in figures.applications_per_mission[1:]) >= 10
    funnel = figures.funnel
    assert funnel.submitted > funnel.shortlisted > funnel.accepted >= funnel.contract > 0
    assert figures.response.median_days is not None and figures.response.answered >= 20
    assert len(figures.running_by_country) >= 5 and len(figures.running_by_domain) >= 4
    assert all(month.value > 0 for month in figures.days_served_by_month)
    deadlines = figures.deadlines
    assert deadlines.departures and deadlines.departures_incomplete
    assert deadlines.ends and deadlines.certificates_due
    association = Association.objects.get(slug="terres-d-afrique")
    mine = dashboard(association, today=today)
    assert mine.top_missions and mine.next_departures and mine.next_ends
    assert mine.certificates_waiting
    statistics = public_statistics()
    assert any(
        not row.volunteers.suppressed and row.volunteers.rounded for row in statistics.by_country
    )

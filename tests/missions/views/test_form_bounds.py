"""Absurd values typed into the staff's forms get a message on their field, never a 500.

Issue 14: a year 9998 or 9999 crashed the mission and early-end pages (the date rules
overflowed); places, allowance and minimum age had no upper bound.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from missions.models import Contract, Mission
from tests.factories import ApplicationFactory, ContractFactory
from tests.missions.engagement import form_data

pytestmark = pytest.mark.django_db


def _create(client, staff, association, mission_data, **changes):
    client.force_login(staff)
    return client.post(
        reverse("missions:create"), form_data(mission_data, association=association.pk, **changes)
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"start_on": "9999-12-01", "end_on": "9999-12-31", "application_deadline": "9999-11-01"},
        {"start_on": "9998-06-01", "end_on": "9999-05-31", "application_deadline": "9998-05-01"},
        {"end_on": "9999-12-31"},
        {"application_deadline": "0001-01-01"},
    ],
    ids=["year 9999", "year 9998", "end in 9999", "deadline in year 1"],
)
def test_a_mission_dated_beyond_2100_is_refused_on_its_fields(
    client, association, staff, mission_data, changes
):
    response = _create(client, staff, association, mission_data, **changes)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == set(changes)
    assert not Mission.objects.exists()


def test_a_mission_edited_to_year_9999_is_refused(client, association, staff, mission_data):
    _create(client, staff, association, mission_data)
    mission = Mission.objects.get()
    response = client.post(
        reverse("missions:edit", kwargs={"pk": mission.pk}),
        form_data(mission_data, end_on="9999-12-31"),
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["end_on"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("places", 101),
        ("places", 30000),
        ("allowance_eur", 10_001),
        ("allowance_eur", 99_999_999_999),
        ("min_age", 31),
        ("min_age", 32767),
    ],
)
def test_absurd_places_allowance_or_minimum_age_are_refused_on_their_field(
    client, association, staff, mission_data, field, value
):
    response = _create(client, staff, association, mission_data, **{field: value})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not Mission.objects.exists()


@pytest.mark.parametrize(("field", "value"), [("places", 100), ("min_age", 30)])
def test_the_highest_sensible_values_are_accepted(
    client, association, staff, mission_data, field, value
):
    response = _create(client, staff, association, mission_data, **{field: value})
    assert response.status_code == 302
    assert getattr(Mission.objects.get(), field) == value


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start_on": "9999-01-01", "end_on": "9999-12-31"}, "start_on"),
        ({"end_on": "9999-12-31"}, "end_on"),
        ({"allowance_eur": 99_999_999_999}, "allowance_eur"),
    ],
)
def test_the_contract_form_refuses_absurd_dates_and_allowance(
    client, association, staff, changes, field
):
    application = ApplicationFactory(mission__association=association, status="accepted")
    mission = application.mission
    values = {
        "start_on": mission.start_on.isoformat(),
        "end_on": mission.end_on.isoformat(),
        "allowance_eur": mission.allowance_eur,
        **changes,
    }
    client.force_login(staff)
    response = client.post(
        reverse("missions:contract_create", kwargs={"pk": application.pk}), values
    )
    assert response.status_code in (200, 400)
    assert field in response.context["form"].errors
    assert not Contract.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"notice_given_on": "9999-12-31"},
        {"ended_on": "9999-12-31"},
        {"notice_given_on": "9998-12-15", "ended_on": "9999-01-15"},
    ],
)
def test_the_early_end_form_refuses_a_year_beyond_2100(client, association, staff, changes):
    today = timezone.localdate()
    contract = ContractFactory(
        application__mission__association=association,
        status="active",
        start_on=today - timedelta(days=30),
        end_on=today + timedelta(days=300),
    )
    client.force_login(staff)
    response = client.post(
        reverse("missions:contract_give_notice", kwargs={"pk": contract.pk}),
        {
            "notice_given_on": today.isoformat(),
            "ended_on": (today + timedelta(days=40)).isoformat(),
            "reason": "volunteer",
            **changes,
        },
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == set(changes)
    assert Contract.objects.get(pk=contract.pk).status == "active"


def test_a_search_for_year_9999_shows_the_error_and_the_results(client):
    response = client.get(reverse("missions:search"), {"start_from": "9999-12-31"})
    assert response.status_code == 200
    assert "start_from" in response.context["form"].errors

"""Birth dates and declared prior missions that cannot be true are refused with a message
on their field (issue 14): an age that makes sense, and a prior mission that was a VSI."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from tests.factories import UserFactory, VolunteerFactory
from volunteers import services
from volunteers.errors import VolunteerError
from volunteers.forms import PriorMissionForm, ProfileForm
from volunteers.models import PriorMission
from vsi_portal.entitlements import add_months, contract_last_day
from vsi_portal.formats import format_day

pytestmark = pytest.mark.django_db


def _years_ago(years: int, days: int = 0) -> date:
    return add_months(timezone.localdate(), -12 * years) + timedelta(days=days)


def _birth_date_errors(value) -> list[str]:
    form = ProfileForm(data={"residence": "FR", "birth_date": str(value)})
    form.is_valid()
    return form.errors.get("birth_date", [])


# --- Birth dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "birth_date",
    ["9999-12-31", "2101-01-01", "0001-01-01", "1899-12-31"],
)
def test_a_birth_date_outside_the_calendar_we_keep_is_refused(birth_date):
    assert _birth_date_errors(birth_date)


def test_a_birth_date_under_16_years_ago_is_refused_with_the_age_asked():
    with override("en"):
        errors = _birth_date_errors(_years_ago(16, days=1))
    assert errors == [
        "You must be 16 or older to fill in a profile: a VSI contract is signed from 18."
    ]


def test_someone_16_today_may_fill_in_their_profile():
    assert _birth_date_errors(_years_ago(16)) == []


def test_an_age_over_100_is_taken_for_a_typo_and_the_message_says_the_earliest_date():
    with override("en"):
        errors = _birth_date_errors(_years_ago(101))
    earliest = _years_ago(101, days=1)
    assert len(errors) == 1
    assert errors[0].startswith("Check the year of your birth date: a volunteer is 100 at most")
    with override("en"):
        assert format_day(earliest) in errors[0]


def test_someone_100_today_may_fill_in_their_profile():
    assert _birth_date_errors(_years_ago(101, days=1)) == []


def test_the_service_refuses_a_birth_date_the_form_would_refuse():
    user = UserFactory()
    with pytest.raises(VolunteerError):
        services.volunteer_update_profile(user=user, data={"birth_date": _years_ago(5)})


def test_a_birth_date_in_year_9999_posted_to_the_profile_page_is_a_field_error(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("volunteers:profile"), {"birth_date": "9999-12-31"})
    assert response.status_code == 200
    assert "birth_date" in response.context["form"].errors


# --- Declared prior missions ----------------------------------------------------------------


def _prior_errors(**changes) -> dict:
    data = {
        "association_name": "Agir ensemble",
        "country": "BF",
        "start_on": "2018-01-01",
        "end_on": "2018-12-31",
        **changes,
    }
    form = PriorMissionForm(data=data)
    form.is_valid()
    return form.errors


@pytest.mark.parametrize("country", ["DE", "IT", "NO", "IS", "GL", "AX"])
def test_a_prior_mission_in_the_eu_or_the_eea_is_refused_on_the_country(country):
    assert list(_prior_errors(country=country)) == ["country"]


@pytest.mark.parametrize("country", ["FR", "RE", "PF", "CH", "GB", "SN"])
def test_a_prior_mission_in_france_or_outside_europe_is_accepted(country):
    assert _prior_errors(country=country) == {}


def test_a_prior_mission_of_2_years_date_to_date_is_accepted():
    start = date(2016, 3, 1)
    assert _prior_errors(start_on=str(start), end_on=str(contract_last_day(start))) == {}


def test_a_prior_mission_over_2_years_is_refused_with_its_last_possible_day():
    start = date(2016, 3, 1)
    with override("en"):
        errors = _prior_errors(
            start_on=str(start), end_on=str(contract_last_day(start) + timedelta(days=1))
        )
    assert list(errors) == ["end_on"]
    assert "Feb. 28, 2018" in errors["end_on"][0]


def test_a_prior_mission_of_year_9999_is_refused_on_its_dates():
    errors = _prior_errors(start_on="9999-01-01", end_on="9999-12-31")
    assert set(errors) == {"start_on", "end_on"}


@pytest.mark.parametrize(
    ("country", "end_on"),
    [("DE", date(2018, 12, 31)), ("BF", date(2021, 12, 31))],
    ids=["in Germany", "over 2 years"],
)
def test_the_service_refuses_what_the_form_refuses(country, end_on):
    with pytest.raises(VolunteerError):
        services.prior_mission_create(
            volunteer=VolunteerFactory(),
            association_name="A",
            country=country,
            start_on=date(2018, 1, 1),
            end_on=end_on,
        )
    assert not PriorMission.objects.exists()


def test_a_prior_mission_in_germany_posted_to_the_page_is_refused_on_the_country(client):
    client.force_login(VolunteerFactory().user)
    response = client.post(
        reverse("volunteers:prior_missions"),
        {
            "association_name": "Agir",
            "country": "DE",
            "start_on": "2018-01-01",
            "end_on": "2018-06-30",
        },
    )
    assert list(response.context["form"].errors) == ["country"]
    assert not PriorMission.objects.exists()

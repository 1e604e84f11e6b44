from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory, VolunteerFactory
from volunteers import services
from volunteers.forms import ProfileForm
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

URL = reverse("volunteers:profile")


def _data(**changes):
    data = {
        "birth_date": "1995-05-10",
        "nationalities": ["FR"],
        "residence": "FR",
        "employed": "",
        "leave_kind": "",
        "leave_start": "",
        "leave_end": "",
        "languages": ["fr", "en"],
        "skills": "Teaching",
        "domains_of_interest": ["teaching", "health"],
        "countries_of_interest": ["SN"],
        "available_from": "2027-01-01",
        "presentation": "Hello",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _errors(**changes):
    form = ProfileForm(data=_data(**changes))
    assert not form.is_valid()
    return form.errors


def test_complete_profile_form_is_valid():
    assert ProfileForm(data=_data()).is_valid()


def test_incomplete_profile_can_be_saved():
    assert ProfileForm(data={"residence": "FR"}).is_valid()


def test_birth_date_in_the_future_is_refused_on_its_field():
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    assert "birth_date" in _errors(birth_date=tomorrow)


def test_birth_date_before_1900_is_refused():
    assert "birth_date" in _errors(birth_date="1850-01-01")


def test_unknown_nationality_is_refused_on_its_field():
    assert "nationalities" in _errors(nationalities=["XX"])


def test_unknown_residence_is_refused_on_its_field():
    assert "residence" in _errors(residence="ZZ")


def test_leave_without_employment_is_refused_on_leave_kind():
    errors = _errors(
        leave_kind="solidarity", leave_start="2027-01-01", leave_end="2027-12-31", employed=None
    )
    assert list(errors) == ["leave_kind"]


def test_leave_without_start_date_is_refused_on_leave_start():
    errors = _errors(employed="on", leave_kind="sabbatical", leave_end="2027-12-31")
    assert list(errors) == ["leave_start"]


def test_leave_without_end_date_is_refused_on_leave_end():
    errors = _errors(employed="on", leave_kind="sabbatical", leave_start="2027-01-01")
    assert list(errors) == ["leave_end"]


def test_leave_ending_before_it_starts_is_refused_on_leave_end():
    errors = _errors(
        employed="on", leave_kind="solidarity", leave_start="2027-06-01", leave_end="2027-05-31"
    )
    assert list(errors) == ["leave_end"]


def test_leave_of_one_day_is_accepted():
    form = ProfileForm(
        data=_data(
            employed="on", leave_kind="solidarity", leave_start="2027-06-01", leave_end="2027-06-01"
        )
    )
    assert form.is_valid(), form.errors


def test_leave_dates_without_a_leave_kind_are_forgotten():
    form = ProfileForm(data=_data(leave_start="2027-06-01", leave_end="2027-05-01"))
    assert form.is_valid()
    assert form.cleaned_data["leave_start"] is None


def test_unknown_domain_is_refused_on_its_field():
    assert "domains_of_interest" in _errors(domains_of_interest=["astrology"])


def test_unknown_language_is_refused_on_its_field():
    assert "languages" in _errors(languages=["xx"])


def test_invalid_date_is_refused_on_its_field():
    assert "available_from" in _errors(available_from="31/31/2027")


def test_profile_save_creates_the_volunteer_on_first_save(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(URL, _data(nationalities=["FR", "SN"]))
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(user=user)
    assert [c.code for c in volunteer.nationalities] == ["FR", "SN"]
    assert volunteer.domains_of_interest == ["teaching", "health"]
    assert sorted(volunteer.languages.values_list("code", flat=True)) == ["en", "fr"]


def test_profile_save_updates_the_existing_volunteer(client):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    client.post(URL, _data(residence="BE"))
    volunteer.refresh_from_db()
    assert volunteer.residence.code == "BE"
    assert Volunteer.objects.count() == 1


def test_profile_with_an_error_writes_nothing(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(URL, _data(birth_date="2999-01-01"))
    assert response.status_code == 200
    assert not Volunteer.objects.filter(user=user).exists()
    assert "is-invalid" in response.content.decode()


def test_profile_page_shows_the_current_facts(client):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    page = client.get(URL).content.decode()
    assert 'value="1995-05-10"' in page
    assert "<fieldset" in page


def test_profile_page_sends_anonymous_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_association_staff_member_edits_only_their_own_profile(client):
    other = VolunteerFactory(residence="FR")
    staff = MembershipFactory().user
    client.force_login(staff)
    client.post(URL, _data(residence="DE"))
    other.refresh_from_db()
    assert other.residence.code == "FR"
    assert Volunteer.objects.get(user=staff).residence.code == "DE"


def test_service_clears_leave_when_not_employed():
    user = UserFactory()
    volunteer = services.volunteer_update_profile(
        user=user,
        data={
            "employed": False,
            "leave_kind": "solidarity",
            "leave_start": date(2027, 1, 1),
            "leave_end": date(2027, 12, 31),
        },
    )
    assert volunteer.leave_kind == ""
    assert volunteer.leave_start is None


def test_service_refuses_a_leave_ending_before_it_starts():
    from volunteers.errors import VolunteerError

    user = UserFactory()
    with pytest.raises(VolunteerError):
        services.volunteer_update_profile(
            user=user,
            data={
                "employed": True,
                "leave_kind": "solidarity",
                "leave_start": date(2027, 1, 1),
                "leave_end": date(2026, 12, 31),
            },
        )
    assert not Volunteer.objects.filter(user=user).exists()

"""The optional phone number of a volunteer's profile: its check, export and erasure."""

from __future__ import annotations

import pytest

from tests.factories import VolunteerFactory
from volunteers import personal_data, services
from volunteers.errors import VolunteerError
from volunteers.forms import ProfileForm
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "phone", ["+33 6 12 34 56 78", "(+221) 77-123-45-67", "06.12.34.56.78", "123456"]
)
def test_a_phone_number_written_the_usual_ways_is_accepted(phone):
    assert ProfileForm(data={"phone": phone}).is_valid()


@pytest.mark.parametrize("phone", ["12345", "+33 6 12 34 56 78 90 12 34 56 78 9", "06 12 ab 56"])
def test_a_phone_number_too_short_too_long_or_with_letters_is_refused_on_its_field(phone):
    form = ProfileForm(data={"phone": phone})
    assert not form.is_valid()
    assert "phone" in form.errors


def test_the_phone_number_is_optional():
    assert ProfileForm(data={}).is_valid()


def test_the_service_refuses_a_phone_number_with_letters():
    volunteer = VolunteerFactory()
    with pytest.raises(VolunteerError):
        services.volunteer_update_profile(user=volunteer.user, data={"phone": "call me"})
    assert Volunteer.objects.get(pk=volunteer.pk).phone == ""


def test_the_service_keeps_the_phone_number_without_its_outer_spaces():
    volunteer = VolunteerFactory()
    services.volunteer_update_profile(user=volunteer.user, data={"phone": "  +33 6 12 34 56 78 "})
    assert Volunteer.objects.get(pk=volunteer.pk).phone == "+33 6 12 34 56 78"


def test_the_export_holds_the_phone_number():
    volunteer = VolunteerFactory(phone="+221 77 123 45 67")
    assert personal_data.export(volunteer.user)["profile"]["phone"] == "+221 77 123 45 67"


def test_erasure_forgets_the_phone_number_with_the_profile():
    volunteer = VolunteerFactory(phone="+221 77 123 45 67")
    personal_data.erase(volunteer.user)
    assert not Volunteer.objects.filter(phone="+221 77 123 45 67").exists()


def test_the_phone_field_is_a_telephone_input():
    assert 'type="tel"' in str(ProfileForm()["phone"])

"""The mission service refuses absurd places, allowance and minimum age itself (issue 14),
whoever calls it, with the same words the form shows."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from missions.models import Mission
from missions.services.missions import mission_create, mission_update
from tests.factories import MissionFactory

pytestmark = pytest.mark.django_db


def _errors(association, staff, data) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught, override("en"):
        mission_create(association=association, by=staff, data=data)
    return caught.value.message_dict


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("places", 101, "Offer between 1 and 100 places"),
        ("allowance_eur", 10_001, "at most €10,000"),
        ("min_age", 31, "minimum age between 18 and 30"),
    ],
)
def test_create_refuses_a_value_beyond_its_sanity_bound(
    association, staff, mission_data, field, value, words
):
    errors = _errors(association, staff, {**mission_data, field: value})
    assert list(errors) == [field]
    assert words in errors[field][0]
    assert not Mission.objects.exists()


def test_an_allowance_of_10000_euros_abroad_is_accepted(association, staff, mission_data):
    mission = mission_create(
        association=association, by=staff, data={**mission_data, "allowance_eur": 10_000}
    )
    assert mission.allowance_eur == 10_000


def test_update_refuses_a_thousand_places(association, staff):
    mission = MissionFactory(association=association)
    with pytest.raises(ValidationError) as caught:
        mission_update(mission=mission, by=staff, data={"places": 1000})
    assert list(caught.value.message_dict) == ["places"]

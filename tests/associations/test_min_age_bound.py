"""An association's minimum volunteer age stays between 18 and 30 (issue 14: sanity
bounds); the missions' own minimum is bounded the same (tests/missions)."""

from __future__ import annotations

import pytest
from django.utils.translation import override

from associations.forms import AssociationForm

pytestmark = pytest.mark.django_db

PROFILE = {
    "name": "Amis du Fleuve",
    "kind": "association",
    "legal_identifier": "W123456789",
    "address": "1 rue de la Loire\n45000 Orléans",
    "country": "FR",
    "contact_email": "contact@amis-du-fleuve.example.org",
    "description": "Coopération avec le Mali.",
}


@pytest.mark.parametrize("age", [31, 99, 32767])
def test_a_minimum_age_over_30_is_refused_on_its_field(age):
    with override("en"):
        form = AssociationForm(data={**PROFILE, "min_volunteer_age": age})
        assert not form.is_valid()
        assert form.errors["min_volunteer_age"] == [
            "Set a minimum age between 18 and 30: the law asks for 18, and some associations "
            "for 21."
        ]


@pytest.mark.parametrize("age", [18, 21, 30])
def test_a_minimum_age_from_18_to_30_is_accepted(age):
    assert AssociationForm(data={**PROFILE, "min_volunteer_age": age}).is_valid()

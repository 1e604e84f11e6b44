from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from tests.factories import ApplicationFactory, ContractFactory

pytestmark = pytest.mark.django_db


def test_a_volunteer_has_one_open_application_per_mission():
    first = ApplicationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(mission=first.mission, volunteer=first.volunteer)


def test_a_volunteer_may_apply_again_after_withdrawing():
    first = ApplicationFactory(status="withdrawn")
    again = ApplicationFactory(mission=first.mission, volunteer=first.volunteer)
    assert again.pk != first.pk


def test_a_contract_takes_the_missions_facts():
    contract = ContractFactory()
    assert contract.association == contract.mission.association
    assert contract.last_day == contract.end_on

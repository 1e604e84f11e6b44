from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import ApplicationFactory, ContractFactory, VolunteerFactory
from tests.missions.engagement import contract_for

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


def test_has_ended_follows_the_last_day():
    volunteer = VolunteerFactory()
    today = timezone.localdate()
    running = contract_for(
        volunteer, start=today - timedelta(days=5), end=today + timedelta(days=5), status="active"
    )
    assert not running.has_ended(today)
    assert running.has_ended(today + timedelta(days=6))

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from missions.models import Contract
from tests.factories import ApplicationFactory, ContractFactory, VolunteerFactory
from tests.missions.engagement import contract_for
from vsi_portal.entitlements import add_months

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


# --- The contract's facts: once in Python, once in SQL, and they agree -------------------------

optional_day = st.one_of(st.none(), st.dates(date(2026, 1, 1), date(2029, 12, 31)))


@settings(max_examples=60, deadline=None)
@given(
    checked_on=optional_day,
    affiliated_on=optional_day,
    insurance=st.sampled_from(["", "  ", "POL-42"]),
    training_on=optional_day,
)
def test_the_checklist_query_agrees_with_the_missing_prerequisites(
    checked_on, affiliated_on, insurance, training_on
):
    contract = ContractFactory()
    Contract.objects.filter(pk=contract.pk).update(
        criminal_record_checked_on=checked_on,
        social_security_affiliated_on=affiliated_on,
        insurance_reference=insurance,
        training_completed_on=training_on,
    )
    contract.refresh_from_db()
    incomplete = Contract.objects.checklist_incomplete().filter(pk=contract.pk).exists()
    # A blank reference counts as missing in Python; the query sees the stored text, which
    # the service strips before saving, so blanks never reach the table.
    if insurance.strip() == insurance:
        assert incomplete == bool(contract.missing_prerequisites())


@settings(max_examples=60, deadline=None)
@given(
    status=st.sampled_from(Contract.Status.values),
    ended_early_by=st.integers(0, 300),
    today_offset=st.integers(-30, 800),
)
def test_the_served_period_lies_within_the_committed_one(status, ended_early_by, today_offset):
    start = date(2027, 1, 4)
    end = add_months(start, 24) - timedelta(days=1)
    ended_on = end - timedelta(days=ended_early_by) if status == "ended_early" else None
    contract = Contract(status=status, start_on=start, end_on=end, ended_on=ended_on)
    served = contract.served_period(today=start + timedelta(days=today_offset))
    committed = contract.committed_period
    if served is not None:
        assert committed.start <= served.start <= served.end <= committed.end
    if status == "planned":
        assert served is None


@pytest.mark.parametrize("ended_on", [None, date(2027, 3, 31)])
def test_last_day_between_finds_a_contract_by_its_last_day(ended_on):
    contract = ContractFactory(
        start_on=date(2027, 1, 1), end_on=date(2027, 12, 31), ended_on=ended_on
    )
    last_day = contract.last_day
    found = Contract.objects.last_day_between(last_day, last_day).filter(pk=contract.pk)
    assert found.exists()
    missed = Contract.objects.last_day_between(
        last_day + timedelta(days=1), last_day + timedelta(days=30)
    ).filter(pk=contract.pk)
    assert not missed.exists()


def test_only_a_volunteers_own_decision_without_compelling_reason_breaks_the_contract():
    contract = Contract(status="ended_early", end_reason="volunteer", compelling_reason=False)
    assert contract.broken_without_compelling_reason
    contract.compelling_reason = True
    assert not contract.broken_without_compelling_reason
    contract.end_reason, contract.compelling_reason = "association", False
    assert not contract.broken_without_compelling_reason

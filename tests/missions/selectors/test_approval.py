"""The warnings of an approval expiring before what it covers (missions/selectors/approval.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from missions.selectors.approval import approval_warnings_for_staff
from tests.factories import ContractFactory, MembershipFactory, MissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def expiring(association, today):
    """The association's approval ends in 60 days."""
    association.approval_expires_on = today + timedelta(days=60)
    association.save()
    return association


def test_a_published_mission_starting_after_the_expiry_is_named(expiring, staff, today):
    mission = MissionFactory(association=expiring, start_on=today + timedelta(days=90))

    [warning] = approval_warnings_for_staff(staff, today=today)

    assert warning.association == expiring
    assert warning.missions == (mission,)
    assert warning.contracts == ()
    assert not warning.expired


def test_a_mission_starting_before_the_expiry_warns_nobody(expiring, staff, today):
    MissionFactory(association=expiring, start_on=today + timedelta(days=30))

    assert approval_warnings_for_staff(staff, today=today) == []


def test_a_draft_mission_is_not_named(expiring, staff, today):
    MissionFactory(association=expiring, start_on=today + timedelta(days=90), status="draft")

    assert approval_warnings_for_staff(staff, today=today) == []


def test_a_running_contract_ending_after_the_expiry_is_named(expiring, staff, today):
    mission = MissionFactory(association=expiring, start_on=today + timedelta(days=10))
    contract = ContractFactory(
        application__mission=mission, status="active", start_on=today - timedelta(days=20)
    )

    [warning] = approval_warnings_for_staff(staff, today=today)

    assert warning.contracts == (contract,)


def test_a_contract_whose_notice_ends_it_before_the_expiry_is_not_named(expiring, staff, today):
    mission = MissionFactory(association=expiring, start_on=today + timedelta(days=10))
    ContractFactory(
        application__mission=mission,
        status="active",
        notice_given_on=today,
        ended_on=today + timedelta(days=40),
    )

    assert approval_warnings_for_staff(staff, today=today) == []


def test_a_completed_contract_is_not_named(expiring, staff, today):
    mission = MissionFactory(association=expiring, start_on=today + timedelta(days=10))
    ContractFactory(application__mission=mission, status="completed")

    assert approval_warnings_for_staff(staff, today=today) == []


def test_a_renewal_past_everything_removes_the_warning(expiring, staff, today):
    MissionFactory(association=expiring, start_on=today + timedelta(days=90))
    expiring.approval_expires_on = today + timedelta(days=4 * 365)
    expiring.save()

    assert approval_warnings_for_staff(staff, today=today) == []


def test_an_expired_approval_is_said_to_have_expired(expiring, staff, today):
    MissionFactory(association=expiring, start_on=today + timedelta(days=90))

    [warning] = approval_warnings_for_staff(staff, today=today + timedelta(days=61))

    assert warning.expired


def test_staff_of_another_association_see_no_warning(expiring, today):
    MissionFactory(association=expiring, start_on=today + timedelta(days=90))
    stranger = MembershipFactory().user

    assert approval_warnings_for_staff(stranger, today=today) == []


def test_the_warnings_cost_three_queries_for_many_associations(staff, today):
    for _ in range(3):
        association = MembershipFactory(user=staff).association
        association.approval_expires_on = today + timedelta(days=60)
        association.save()
        mission = MissionFactory(association=association, start_on=today + timedelta(days=90))
        ContractFactory(application__mission=mission, status="planned")

    with CaptureQueriesContext(connection) as queries:
        warnings = approval_warnings_for_staff(staff, today=today)
        [contract.volunteer.user.full_name for w in warnings for contract in w.contracts]

    assert len(warnings) == 3
    assert len(queries) == 3

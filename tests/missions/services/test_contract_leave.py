"""services/contract_leave.py: the days of leave taken, recorded by an administrator of the
contract's association, from 0 to what the contract gives, once it is under way."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from missions.errors import ContractError
from missions.services.contract_leave import contract_record_leave_taken, leave_taken_problem
from tests.factories import ContractFactory, MembershipFactory
from vsi_portal.security.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract():
    return ContractFactory(start_on=date(2026, 1, 1), end_on=date(2026, 12, 31), status="active")


def _admin(contract):
    return MembershipFactory(association=contract.association, role="admin").user


def test_administrator_records_a_total_and_may_correct_it(contract):
    admin = _admin(contract)
    contract_record_leave_taken(contract=contract, by=admin, days_taken=12)
    contract_record_leave_taken(contract=contract, by=admin, days_taken=8)
    contract.refresh_from_db()
    assert (contract.leave_days_taken, contract.leave_days_left) == (8, 16)


def test_recording_leave_is_audited(contract):
    contract_record_leave_taken(contract=contract, by=_admin(contract), days_taken=3)
    event = AuditEvent.objects.filter(action=AuditEvent.Action.CONTRACT_CHANGE).latest("pk")
    assert event.details["change"] == "leave_taken"


def test_editor_cannot_record_leave(contract):
    editor = MembershipFactory(association=contract.association, role="editor").user
    with pytest.raises(ContractError):
        contract_record_leave_taken(contract=contract, by=editor, days_taken=3)


def test_more_than_the_entitlement_is_refused_on_the_field(contract):
    with pytest.raises(ValidationError) as refused:
        contract_record_leave_taken(contract=contract, by=_admin(contract), days_taken=25)
    assert "leave_days_taken" in refused.value.message_dict
    contract.refresh_from_db()
    assert contract.leave_days_taken == 0


@pytest.mark.parametrize(("days_taken", "refused"), [(-1, True), (0, False), (24, False)])
def test_bounds_are_0_and_the_entitlement(contract, days_taken, refused):
    assert (leave_taken_problem(contract, days_taken) is not None) is refused


def test_an_early_end_bounds_the_leave_by_the_months_it_lasted():
    contract = ContractFactory(
        start_on=date(2026, 1, 1),
        end_on=date(2026, 12, 31),
        ended_on=date(2026, 7, 31),
        notice_given_on=date(2026, 6, 20),
        status="active",
    )
    assert contract.leave_entitlement == 14
    assert leave_taken_problem(contract, 15) is not None

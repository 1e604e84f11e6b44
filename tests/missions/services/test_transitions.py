"""The transition tables of applications and contracts: every status against every move.

A move the table allows goes through the service; any other is refused with the app's
domain error and changes nothing.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from missions.errors import ApplicationError, ContractError
from missions.models import Application, Contract
from missions.services import applications as application_services
from missions.services import contract_departure, contract_ends
from missions.services import contracts as contract_services
from tests.factories import ApplicationFactory, ContractFactory, MembershipFactory

pytestmark = pytest.mark.django_db

APPLICATION_MOVES = {
    "shortlist": lambda application, staff, volunteer: application_services.application_shortlist(
        application=application, by=staff
    ),
    "accept": lambda application, staff, volunteer: application_services.application_accept(
        application=application, by=staff
    ),
    "reject": lambda application, staff, volunteer: application_services.application_reject(
        application=application, by=staff, reason="profile"
    ),
    "withdraw": lambda application, staff, volunteer: application_services.application_withdraw(
        application=application, by=volunteer, reason="dates"
    ),
    "decline_contract": lambda application, staff, volunteer: (
        application_services.application_leave_for_declined_contract(
            application=application, by=volunteer, reason="terms"
        )
    ),
}


def test_the_application_table_names_every_move_and_known_statuses():
    assert set(application_services.TRANSITIONS) == set(APPLICATION_MOVES)
    for sources, target in application_services.TRANSITIONS.values():
        assert sources <= set(Application.Status.values)
        assert target in Application.Status.values


@pytest.mark.parametrize("move", sorted(APPLICATION_MOVES))
@pytest.mark.parametrize("status", Application.Status.values)
def test_an_application_moves_only_along_its_table(status, move):
    application = ApplicationFactory(status=status)
    staff = MembershipFactory(association=application.mission.association).user
    sources, target = application_services.TRANSITIONS[move]
    act = APPLICATION_MOVES[move]
    if status in sources:
        act(application, staff, application.volunteer.user)
        application.refresh_from_db()
        assert application.status == target
    else:
        with pytest.raises(ApplicationError):
            act(application, staff, application.volunteer.user)
        application.refresh_from_db()
        assert application.status == status


def test_the_contract_table_names_known_statuses():
    assert set(contract_services.TRANSITIONS) == {
        "offer",
        "withdraw_offer",
        "volunteer_sign",
        "volunteer_decline",
        "association_sign",
        "activate",
        "complete",
        "end_early",
    }
    for sources, target in contract_services.TRANSITIONS.values():
        assert sources <= set(Contract.Status.values)
        assert target in Contract.Status.values


# From planned, the checklist and the date decide: tests/missions/services/test_contracts.py.
@pytest.mark.parametrize(
    "status",
    sorted(set(Contract.Status.values) - contract_services.TRANSITIONS["activate"][0]),
)
def test_a_contract_starts_only_from_planned(status):
    contract = ContractFactory(status=status)
    staff = MembershipFactory(association=contract.association).user
    with pytest.raises(ContractError):
        contract_departure.contract_activate(contract=contract, by=staff)
    contract.refresh_from_db()
    assert contract.status == status


@pytest.mark.parametrize("status", Contract.Status.values)
def test_only_a_contract_under_way_is_completed(status):
    contract = ContractFactory(status=status)
    staff = MembershipFactory(association=contract.association).user
    moved = status in contract_services.TRANSITIONS["complete"][0]
    today = contract.end_on
    if moved:
        contract_ends.contract_complete(contract=contract, by=staff, today=today)
    else:
        with pytest.raises(ContractError):
            contract_ends.contract_complete(contract=contract, by=staff, today=today)
    contract.refresh_from_db()
    assert contract.status == ("completed" if moved else status)


@pytest.mark.parametrize("status", Contract.Status.values)
def test_only_a_planned_or_running_contract_ends_early(status):
    contract = ContractFactory(status=status)
    staff = MembershipFactory(association=contract.association).user
    moved = status in contract_services.TRANSITIONS["end_early"][0]
    notice = contract.start_on
    kwargs = {
        "contract": contract,
        "by": staff,
        "side": "association",
        "notice_given_on": notice,
        "ended_on": contract.end_on,
        "reason": "mutual",
        "today": notice,
    }
    if moved:
        contract_ends.contract_give_notice(**kwargs)
        contract_ends.contracts_end_due(today=contract.end_on + timedelta(days=1))
    else:
        with pytest.raises(ContractError):
            contract_ends.contract_give_notice(**kwargs)
    contract.refresh_from_db()
    assert contract.status == ("ended_early" if moved else status)

"""The certificate-due kind leaves out what can have no certificate."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from missions.reminder_kinds.certificate_due import certificate_due_due
from tests.factories import ContractFactory, MembershipFactory, MissionFactory, VolunteerFactory

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 10)


def test_no_certificate_is_due_for_a_contract_ended_before_its_departure():
    # It served nothing: no certificate can be issued for it (contract_ends.has_served).
    start, end = TODAY - timedelta(days=30), TODAY + timedelta(days=200)
    contract = ContractFactory(
        application__mission=MissionFactory(start_on=start, end_on=end),
        application__volunteer=VolunteerFactory(),
        start_on=start,
        end_on=end,
        status="ended_early",
        ended_on=TODAY - timedelta(days=1),
        end_reason="mutual",
        activated_at=None,
    )
    MembershipFactory(association=contract.association)
    assert list(certificate_due_due(TODAY, 0)) == []


def test_a_contract_ended_early_once_under_way_has_its_certificate_due():
    start, end = TODAY - timedelta(days=90), TODAY + timedelta(days=200)
    contract = ContractFactory(
        application__mission=MissionFactory(start_on=start, end_on=end),
        start_on=start,
        end_on=end,
        status="ended_early",
        ended_on=TODAY - timedelta(days=1),
        end_reason="mutual",
    )
    MembershipFactory(association=contract.association)
    assert [due.subject.pk for due in certificate_due_due(TODAY, 0)] == [contract.pk]

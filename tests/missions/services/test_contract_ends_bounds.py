"""What an early end may not do: a notice older than the signature, a compelling reason or
a mutual agreement claimed by the volunteer alone, a certificate for a contract that never
got under way."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from missions.certificate import certificate_pdf
from missions.errors import ContractError
from missions.services.contract_ends import (
    contract_give_notice,
    contract_issue_certificate,
    contracts_end_due,
)
from tests.factories import ContractFactory
from tests.missions.pdf_text import pdf_text
from vsi_portal.entitlements import earliest_end_after_notice

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
START, END = date(2030, 1, 1), date(2030, 12, 31)
SIGNED = date(2029, 10, 1)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def contract(association):
    return ContractFactory(
        application__mission__association=association,
        status="active",
        start_on=START,
        end_on=END,
        signed_at=datetime(2029, 10, 1, 11, tzinfo=PARIS),
    )


def _notice(contract, by, *, side, notice=date(2030, 3, 10), **kwargs):
    values = {"reason": "health", "today": notice, "ended_on": earliest_end_after_notice(notice)}
    return contract_give_notice(
        contract=contract, by=by, side=side, notice_given_on=notice, **(values | kwargs)
    )


def test_a_notice_dated_before_the_signature_is_refused(contract, staff):
    with pytest.raises(ValidationError) as refused:
        _notice(contract, staff, side="association", notice=SIGNED - timedelta(days=1))
    assert "before the contract was signed" in str(refused.value.message_dict["notice_given_on"])


def test_a_notice_on_the_day_of_the_signature_is_accepted(contract, staff):
    _notice(
        contract, staff, side="association", notice=SIGNED, ended_on=START, today=date(2030, 1, 5)
    )
    contract.refresh_from_db()
    assert contract.notice_given_on == SIGNED


def test_the_volunteer_cannot_record_a_compelling_reason(contract):
    with pytest.raises(ValidationError) as refused:
        _notice(contract, contract.volunteer.user, side="volunteer", compelling_reason=True)
    assert "recorded by the association" in str(refused.value.message_dict["compelling_reason"])


def test_the_volunteer_cannot_claim_a_mutual_agreement(contract):
    with pytest.raises(ContractError):
        _notice(contract, contract.volunteer.user, side="volunteer", reason="mutual")


def test_the_association_records_a_compelling_reason(contract, staff):
    _notice(contract, staff, side="association", compelling_reason=True)
    contract.refresh_from_db()
    assert contract.compelling_reason


@pytest.fixture
def cancelled_before_departure(association, staff):
    """A planned contract whose notice ended it before the volunteer ever left."""
    planned = ContractFactory(
        application__mission__association=association,
        status="planned",
        start_on=START,
        end_on=END,
        signed_at=datetime(2029, 10, 1, 11, tzinfo=PARIS),
    )
    notice = date(2029, 12, 1)
    contract_give_notice(
        contract=planned,
        by=staff,
        side="association",
        notice_given_on=notice,
        ended_on=START,
        reason="security",
        today=notice,
    )
    contracts_end_due(today=START + timedelta(days=1))
    planned.refresh_from_db()
    return planned


def test_a_contract_ended_before_its_departure_has_served_nothing(cancelled_before_departure):
    assert cancelled_before_departure.status == "ended_early"
    assert cancelled_before_departure.served_period(today=date(2031, 1, 1)) is None


def test_no_certificate_for_a_contract_ended_before_its_departure(
    cancelled_before_departure, staff
):
    with pytest.raises(ContractError, match="no day was served"):
        contract_issue_certificate(
            contract=cancelled_before_departure,
            by=staff,
            place="Lyon",
            signatory_name="Anne Dupuis",
            signatory_role="Présidente",
            today=date(2030, 2, 1),
        )


def test_the_certificate_writes_a_name_beyond_its_font_without_the_accents(contract, staff):
    contract.volunteer.user.full_name = "Nguyễn Thị Lan"
    contract.volunteer.user.save()
    contract.status = "completed"
    contract.save()
    issued = contract_issue_certificate(
        contract=contract,
        by=staff,
        place="Lyon",
        signatory_name="Anne Dupuis",
        signatory_role="Présidente",
        today=END + timedelta(days=1),
    )
    assert "Nguyen Thi Lan" in pdf_text(certificate_pdf(issued))


def test_the_certificate_keeps_the_name_it_was_issued_with(contract, staff):
    contract.status = "completed"
    contract.save()
    issued = contract_issue_certificate(
        contract=contract,
        by=staff,
        place="Lyon",
        signatory_name="Anne Dupuis",
        signatory_role="Présidente",
        today=END + timedelta(days=1),
    )
    assert issued.certificate_volunteer_name == contract.volunteer.user.full_name

"""The end of a contract: notice (R17) keeps it running until its last day, the daily job
ends it the day after, the side that gave notice may withdraw it until then; completion at
the term. (The certificate: test_contract_certificates.py.)"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from missions.errors import ContractError
from missions.models import Contract
from missions.services.contract_ends import (
    contract_complete,
    contract_give_notice,
    contract_withdraw_notice,
    contracts_end_due,
)
from tests.factories import ContractFactory, MembershipFactory, UserFactory, VolunteerFactory
from vsi_portal.entitlements import earliest_end_after_notice
from vsi_portal.outbox.models import OutboxMessage
from vsi_portal.security.models import AuditEvent

pytestmark = pytest.mark.django_db

START, END = date(2030, 1, 1), date(2030, 12, 31)
NOTICE = date(2030, 3, 10)
LAST_DAY = earliest_end_after_notice(NOTICE)  # 10 April 2030


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
    )


def _notice(contract, by, *, side="association", **kwargs):
    values = {
        "notice_given_on": NOTICE,
        "ended_on": LAST_DAY,
        "reason": "health",
        "explanation": "Rapatriement sanitaire.",
        "compelling_reason": True,
        "today": NOTICE,
    }
    values.update(kwargs)
    return contract_give_notice(contract=contract, by=by, side=side, **values)


def _end_mails(contract):
    return list(
        OutboxMessage.objects.filter(kind="missions.contract_end").values_list("to", "subject")
    )


# --- Notice ---------------------------------------------------------------------------------


def test_notice_keeps_the_contract_running_with_its_last_day(contract, staff):
    _notice(contract, staff)
    contract.refresh_from_db()
    assert contract.status == "active"
    assert (contract.notice_given_on, contract.ended_on, contract.last_day) == (
        NOTICE,
        LAST_DAY,
        LAST_DAY,
    )
    assert (contract.notice_side, contract.ended_by, contract.end_reason) == (
        "association",
        staff,
        "health",
    )
    assert contract.compelling_reason is True
    assert contract.certificate_issued_at is None and contract.certificate_code is None


def test_notice_on_a_planned_contract_keeps_it_planned(association, staff):
    contract = ContractFactory(
        application__mission__association=association, start_on=START, end_on=END
    )
    _notice(contract, staff)
    assert Contract.objects.get(pk=contract.pk).status == "planned"


def test_while_the_notice_runs_the_contract_serves_and_holds_days_to_its_last_day(contract, staff):
    _notice(contract, staff)
    contract.refresh_from_db()
    assert contract.committed_period.end == LAST_DAY
    assert contract.served_period(today=LAST_DAY - timedelta(days=3)).end == (
        LAST_DAY - timedelta(days=3)
    )
    assert contract.served_period(today=END).end == LAST_DAY
    assert not contract.has_ended(LAST_DAY)
    assert contract.has_ended(LAST_DAY + timedelta(days=1))


def test_notice_is_mailed_to_the_volunteer_and_the_administrators(contract, staff):
    _notice(contract, staff)
    recipients = {to for to, _subject in _end_mails(contract)}
    assert recipients == {contract.volunteer.user.email, staff.email}


def test_notice_is_audited(contract, staff):
    _notice(contract, staff)
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CONTRACT_CHANGE, details__change="give_notice", actor=staff
    ).exists()


def test_less_than_a_months_notice_is_refused(contract, staff):
    with pytest.raises(ValidationError) as caught:
        _notice(contract, staff, ended_on=LAST_DAY - timedelta(days=1))
    assert "ended_on" in caught.value.message_dict
    assert Contract.objects.get(pk=contract.pk).notice_given_on is None


def test_a_last_day_after_the_planned_end_is_refused(contract, staff):
    with pytest.raises(ValidationError) as caught:
        _notice(contract, staff, ended_on=END + timedelta(days=1))
    assert "planned end" in str(caught.value.message_dict["ended_on"])


def test_a_last_day_before_the_start_is_refused(association, staff):
    contract = ContractFactory(
        application__mission__association=association, start_on=START, end_on=END
    )
    notice = START - timedelta(days=60)
    with pytest.raises(ValidationError) as caught:
        _notice(
            contract,
            staff,
            notice_given_on=notice,
            ended_on=START - timedelta(days=1),
            today=notice,
        )
    assert "start" in str(caught.value.message_dict["ended_on"])


def test_a_notice_dated_in_the_future_is_refused(contract, staff):
    with pytest.raises(ValidationError) as caught:
        _notice(contract, staff, today=NOTICE - timedelta(days=1))
    assert "notice_given_on" in caught.value.message_dict


def test_a_compelling_reason_must_be_health_family_or_security(contract, staff):
    with pytest.raises(ValidationError):
        _notice(contract, staff, reason="mutual", compelling_reason=True)


def test_notice_needs_a_coded_reason(contract, staff):
    with pytest.raises(ContractError):
        _notice(contract, staff, reason="")


def test_a_second_notice_is_refused_while_one_runs(contract, staff):
    _notice(contract, staff)
    with pytest.raises(ContractError, match="already been given"):
        _notice(contract, staff)


@pytest.mark.parametrize("status", ["completed", "ended_early", "draft", "offered"])
def test_no_notice_on_a_contract_not_planned_or_running(association, staff, status):
    contract = ContractFactory(
        application__mission__association=association, status=status, start_on=START, end_on=END
    )
    with pytest.raises(ContractError):
        _notice(contract, staff)


def test_an_editor_cannot_give_notice_for_the_association(contract, association):
    editor = MembershipFactory(association=association, role="editor").user
    with pytest.raises(ContractError, match="Only an administrator"):
        _notice(contract, editor)


def test_staff_of_another_association_cannot_give_notice(contract, other_staff):
    with pytest.raises(ContractError):
        _notice(contract, other_staff)


def test_the_volunteer_gives_notice_on_their_side(contract):
    user = contract.volunteer.user
    _notice(contract, user, side="volunteer", reason="volunteer", compelling_reason=False)
    contract.refresh_from_db()
    assert (contract.notice_side, contract.ended_by, contract.status) == (
        "volunteer",
        user,
        "active",
    )


def test_the_volunteer_cannot_give_the_associations_reasons(contract):
    with pytest.raises(ContractError):
        _notice(contract, contract.volunteer.user, side="volunteer", reason="association")


def test_the_volunteer_cannot_give_notice_for_the_association(contract):
    with pytest.raises(ContractError):
        _notice(contract, contract.volunteer.user, side="association")


def test_another_person_cannot_give_notice_for_the_volunteer(contract, staff):
    for someone in (UserFactory(), VolunteerFactory().user, staff):
        with pytest.raises(ContractError, match="Only the volunteer"):
            _notice(contract, someone, side="volunteer", compelling_reason=False)


# --- Withdrawal -----------------------------------------------------------------------------


def test_the_association_withdraws_its_notice_before_the_last_day(contract, staff):
    _notice(contract, staff)
    contract_withdraw_notice(contract=contract, by=staff, today=LAST_DAY - timedelta(days=1))
    contract.refresh_from_db()
    assert contract.status == "active"
    assert contract.last_day == END
    assert (contract.notice_given_on, contract.ended_on, contract.notice_side) == (None, None, "")
    assert (contract.end_reason, contract.compelling_reason, contract.ended_by) == ("", False, None)
    assert AuditEvent.objects.filter(details__change="withdraw_notice").count() == 1
    subjects = [subject for _to, subject in _end_mails(contract)]
    assert sum(("Notice withdrawn" in s or "Préavis retiré" in s) for s in subjects) == 2


def test_the_notice_may_be_withdrawn_on_the_last_day(contract, staff):
    _notice(contract, staff)
    contract_withdraw_notice(contract=contract, by=staff, today=LAST_DAY)
    assert Contract.objects.get(pk=contract.pk).ended_on is None


def test_the_notice_cannot_be_withdrawn_after_the_last_day(contract, staff):
    _notice(contract, staff)
    with pytest.raises(ContractError, match="no longer be withdrawn"):
        contract_withdraw_notice(contract=contract, by=staff, today=LAST_DAY + timedelta(days=1))


def test_the_volunteer_cannot_withdraw_the_associations_notice(contract, staff):
    _notice(contract, staff)
    with pytest.raises(ContractError, match="only its administrators"):
        contract_withdraw_notice(contract=contract, by=contract.volunteer.user, today=NOTICE)
    assert Contract.objects.get(pk=contract.pk).ended_on == LAST_DAY


def test_the_association_cannot_withdraw_the_volunteers_notice(contract, staff):
    user = contract.volunteer.user
    _notice(contract, user, side="volunteer", compelling_reason=False)
    with pytest.raises(ContractError, match="only they can withdraw it"):
        contract_withdraw_notice(contract=contract, by=staff, today=NOTICE)
    contract_withdraw_notice(contract=contract, by=user, today=NOTICE)
    assert Contract.objects.get(pk=contract.pk).ended_on is None


def test_an_editor_cannot_withdraw_the_associations_notice(contract, staff, association):
    _notice(contract, staff)
    editor = MembershipFactory(association=association, role="editor").user
    with pytest.raises(ContractError, match="Only an administrator"):
        contract_withdraw_notice(contract=contract, by=editor, today=NOTICE)


def test_there_is_nothing_to_withdraw_without_a_notice(contract, staff):
    with pytest.raises(ContractError, match="No notice"):
        contract_withdraw_notice(contract=contract, by=staff, today=NOTICE)


def test_no_withdrawal_once_the_freed_days_belong_to_another_contract(contract, staff):
    _notice(contract, staff)
    ContractFactory(
        application__volunteer=contract.volunteer,
        volunteer=contract.volunteer,
        start_on=LAST_DAY + timedelta(days=10),
        end_on=LAST_DAY + timedelta(days=100),
    )
    with pytest.raises(ContractError, match="another contract"):
        contract_withdraw_notice(contract=contract, by=staff, today=NOTICE)
    assert Contract.objects.get(pk=contract.pk).ended_on == LAST_DAY


# --- The daily job --------------------------------------------------------------------------


def test_the_daily_job_ends_the_contract_the_day_after_its_last_day_and_not_before(contract, staff):
    _notice(contract, staff)
    assert contracts_end_due(today=LAST_DAY) == []
    assert Contract.objects.get(pk=contract.pk).status == "active"
    assert contracts_end_due(today=LAST_DAY + timedelta(days=1)) == [contract.pk]
    contract.refresh_from_db()
    assert contract.status == "ended_early"
    assert contract.ended_on == LAST_DAY


def test_the_daily_job_is_idempotent(contract, staff):
    _notice(contract, staff)
    day_after = LAST_DAY + timedelta(days=1)
    contracts_end_due(today=day_after)
    mails = len(_end_mails(contract))
    assert contracts_end_due(today=day_after) == []
    assert contracts_end_due(today=day_after + timedelta(days=1)) == []
    assert len(_end_mails(contract)) == mails
    assert AuditEvent.objects.filter(details__change="end_early").count() == 1


def test_the_daily_job_mails_both_sides_once(contract, staff):
    _notice(contract, staff)
    OutboxMessage.objects.all().delete()
    contracts_end_due(today=LAST_DAY + timedelta(days=1))
    mails = _end_mails(contract)
    assert {to for to, _subject in mails} == {contract.volunteer.user.email, staff.email}
    assert len(mails) == 2
    assert all(("ended early" in s or "façon anticipée" in s) for _to, s in mails)


def test_the_daily_job_leaves_contracts_without_notice_alone(association):
    running = ContractFactory(
        application__mission__association=association,
        status="active",
        start_on=START,
        end_on=LAST_DAY,
    )
    assert contracts_end_due(today=END) == []
    assert Contract.objects.get(pk=running.pk).status == "active"


def test_a_notice_recorded_after_its_last_day_ends_the_contract_at_once(contract, staff):
    _notice(contract, staff, today=LAST_DAY + timedelta(days=5))
    assert Contract.objects.get(pk=contract.pk).status == "ended_early"


# --- Completion -----------------------------------------------------------------------------


def test_completion_from_the_planned_end_issues_no_certificate(contract, staff):
    contract_complete(contract=contract, by=staff, today=END)
    contract.refresh_from_db()
    assert contract.status == "completed"
    assert contract.certificate_issued_at is None and not contract.certificate_number
    subjects = [subject for _to, subject in _end_mails(contract)]
    assert len(subjects) == 2
    assert all(("Mission completed" in s or "Mission terminée" in s) for s in subjects)


def test_completion_before_the_planned_end_is_refused(contract, staff):
    with pytest.raises(ContractError):
        contract_complete(contract=contract, by=staff, today=END - timedelta(days=1))


def test_completion_is_refused_while_a_notice_runs(contract, staff):
    _notice(contract, staff, ended_on=END)
    with pytest.raises(ContractError, match="Notice was given"):
        contract_complete(contract=contract, by=staff, today=END)


def test_a_planned_contract_cannot_be_completed(association, staff):
    contract = ContractFactory(
        application__mission__association=association, start_on=START, end_on=END
    )
    with pytest.raises(ContractError):
        contract_complete(contract=contract, by=staff, today=END)


def test_staff_of_another_association_cannot_complete(contract, other_staff):
    with pytest.raises(ContractError):
        contract_complete(contract=contract, by=other_staff, today=END)

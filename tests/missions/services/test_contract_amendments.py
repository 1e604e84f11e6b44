"""Amendments: a signed contract changes only by a new version both sides sign again; its
terms change only after both signatures, and earlier versions stay readable. Also the
departure dates the volunteer gives themselves, and their to-do list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from missions.errors import ContractError
from missions.models import Application
from missions.selectors.contracts import contract_todo
from missions.services.contract_amendments import contract_amend, contract_amendment_withdraw
from missions.services.contract_departure import contract_volunteer_record_departure
from missions.services.contract_ends import contract_give_notice
from missions.services.contract_signing import contract_volunteer_decline
from missions.services.contracts import contract_edit_draft, contract_offer
from tests.factories import ApplicationFactory, MissionFactory
from tests.missions.engagement import (
    association_signs,
    contract_for,
    offer,
    sign_both_sides,
    upload_document,
    volunteer_signs,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def signed(association, volunteer, staff):
    mission = MissionFactory(association=association, allowance_eur=600)
    application = ApplicationFactory(mission=mission, volunteer=volunteer, status="accepted")
    return sign_both_sides(application, staff)


def _amend(contract, staff, **terms):
    values = {
        "end_on": contract.end_on - timedelta(days=31),
        "allowance_eur": 650,
        "changes": "Fin avancée d'un mois, indemnité revue.",
    }
    values.update(terms)
    return contract_amend(contract=contract, by=staff, **values)


def test_an_amendment_is_a_new_draft_version_and_the_contract_keeps_its_terms(signed, staff):
    end, allowance = signed.end_on, signed.allowance_eur
    version = _amend(signed, staff)
    signed.refresh_from_db()
    assert (version.number, version.status) == (2, "draft")
    assert (signed.status, signed.end_on, signed.allowance_eur) == ("planned", end, allowance)


def test_the_terms_change_only_once_both_sides_signed_the_amendment(signed, staff):
    old_end = signed.end_on
    version = _amend(signed, staff)
    contract_offer(contract=signed, by=staff)
    volunteer_signs(signed)
    assert (signed.status, signed.end_on) == ("planned", old_end)
    association_signs(signed, staff)
    version.refresh_from_db()
    assert version.status == "signed"
    assert (signed.end_on, signed.allowance_eur) == (version.end_on, 650)
    first = signed.versions.get(number=1)
    assert (first.status, first.end_on, first.allowance_eur) == ("signed", old_end, 600)


def test_one_amendment_at_a_time(signed, staff):
    _amend(signed, staff)
    with pytest.raises(ContractError, match="already in progress"):
        _amend(signed, staff)


def test_an_amendment_must_say_what_it_changes(signed, staff):
    with pytest.raises(ValidationError) as caught:
        _amend(signed, staff, changes="  ")
    assert "changes" in caught.value.message_dict


def test_an_amendment_that_changes_nothing_is_refused(signed, staff):
    with pytest.raises(ContractError, match="changes neither"):
        _amend(signed, staff, end_on=signed.end_on, allowance_eur=signed.allowance_eur)


def test_an_active_contracts_start_cannot_change(signed, staff):
    signed.status = "active"
    signed.save()
    with pytest.raises(ValidationError) as caught:
        _amend(signed, staff, start_on=signed.start_on + timedelta(days=1))
    assert "start_on" in caught.value.message_dict


def test_an_active_contract_cannot_be_amended_to_end_before_today(signed, staff):
    signed.status = "active"
    signed.save()
    today = signed.start_on + timedelta(days=40)
    with pytest.raises(ValidationError) as caught:
        _amend(signed, staff, end_on=today - timedelta(days=1), today=today)
    assert "end_on" in caught.value.message_dict


def test_the_rules_run_again_for_an_amendment_without_the_contracts_own_days(
    signed, staff, volunteer
):
    after = signed.end_on + timedelta(days=10)
    contract_for(volunteer, start=after, end=after + timedelta(days=90), status="planned")
    _amend(signed, staff, end_on=signed.end_on - timedelta(days=5))  # its own days: fine
    contract_amendment_withdraw(contract=signed, by=staff)
    with pytest.raises(ContractError, match="amendment cannot be signed") as caught:
        _amend(signed, staff, end_on=after + timedelta(days=5))
    assert any("shares days" in reason for reason in caught.value.reasons)


def test_staff_change_the_amendment_draft_not_the_contract(signed, staff):
    version = _amend(signed, staff)
    contract_edit_draft(
        contract=signed,
        by=staff,
        start_on=None,
        end_on=version.end_on,
        allowance_eur=700,
        changes="Indemnité portée à 700 €.",
    )
    version.refresh_from_db()
    signed.refresh_from_db()
    assert (version.allowance_eur, version.changes) == (700, "Indemnité portée à 700 €.")
    assert signed.allowance_eur == 600


def test_staff_withdraw_a_pending_amendment(signed, staff):
    version = _amend(signed, staff)
    contract_offer(contract=signed, by=staff)
    contract_amendment_withdraw(contract=signed, by=staff)
    version.refresh_from_db()
    assert version.status == "withdrawn"
    with pytest.raises(ContractError, match="no amendment in progress"):
        contract_amendment_withdraw(contract=signed, by=staff)


def test_a_declined_amendment_leaves_the_contract_and_the_application(signed, staff, volunteer):
    version = _amend(signed, staff)
    contract_offer(contract=signed, by=staff)
    contract_volunteer_decline(contract=signed, by=volunteer.user, reason="terms")
    version.refresh_from_db()
    signed.refresh_from_db()
    assert version.status == "declined"
    assert (signed.status, signed.allowance_eur) == ("planned", 600)
    assert Application.objects.get(pk=signed.application_id).status == "accepted"


def test_a_contract_that_is_not_signed_cannot_be_amended(association, volunteer, staff):
    application = ApplicationFactory(
        mission=MissionFactory(association=association), volunteer=volunteer, status="accepted"
    )
    contract = offer(application, staff)
    with pytest.raises(ContractError, match="Only a planned or running contract"):
        _amend(contract, staff)


# --- The volunteer's departure dates and to-do list -------------------------------------------


def test_the_volunteer_gives_their_affiliation_and_training_dates(signed, volunteer):
    today = signed.start_on - timedelta(days=10)
    contract_volunteer_record_departure(
        contract=signed,
        by=volunteer.user,
        social_security_affiliated_on=signed.start_on,
        training_completed_on=today - timedelta(days=1),
        today=today,
    )
    signed.refresh_from_db()
    assert signed.social_security_affiliated_on == signed.start_on
    assert signed.training_completed_on == today - timedelta(days=1)


def test_an_empty_date_keeps_what_is_recorded(signed, volunteer):
    signed.training_completed_on = signed.start_on - timedelta(days=40)
    signed.save()
    contract_volunteer_record_departure(
        contract=signed,
        by=volunteer.user,
        social_security_affiliated_on=None,
        training_completed_on=None,
        today=signed.start_on - timedelta(days=10),
    )
    signed.refresh_from_db()
    assert signed.training_completed_on == signed.start_on - timedelta(days=40)


def test_an_affiliation_after_the_start_is_refused_on_its_field(signed, volunteer):
    with pytest.raises(ValidationError) as caught:
        contract_volunteer_record_departure(
            contract=signed,
            by=volunteer.user,
            social_security_affiliated_on=signed.start_on + timedelta(days=1),
            training_completed_on=None,
        )
    assert "social_security_affiliated_on" in caught.value.message_dict


def test_only_the_volunteer_gives_their_dates_here(signed, staff):
    with pytest.raises(ContractError, match="Only the volunteer"):
        contract_volunteer_record_departure(
            contract=signed,
            by=staff,
            social_security_affiliated_on=signed.start_on,
            training_completed_on=None,
        )


def test_the_to_do_list_ticks_itself(association, volunteer, staff):
    application = ApplicationFactory(
        mission=MissionFactory(association=association), volunteer=volunteer, status="accepted"
    )
    contract = offer(application, staff)
    assert [item.done for item in contract_todo(contract)] == [False, False, False, False]
    upload_document(volunteer)
    volunteer_signs(contract)
    contract.social_security_affiliated_on = contract.start_on
    contract.save()
    todo = {item.key: item.done for item in contract_todo(contract)}
    assert todo == {
        "sign": True,
        "criminal_record": True,
        "social_security": True,
        "training": False,
    }


def test_the_to_do_list_of_a_contract_under_way_asks_only_to_sign_an_amendment(signed, staff):
    signed.status = "active"
    signed.save()
    assert contract_todo(signed) == ()
    _amend(signed, staff, today=signed.start_on)
    contract_offer(contract=signed, by=staff, today=signed.start_on)
    signed.refresh_from_db()
    (item,) = contract_todo(signed)
    assert (item.key, item.done, item.label) == ("sign", False, "Sign the amendment (version 2)")


# --- An amendment signed only while it still fits the contract --------------------------------


def _offered_amendment(signed, staff, **terms):
    """An amendment prepared and offered 20 days before the contract starts; that day."""
    before = signed.start_on - timedelta(days=20)
    version = _amend(signed, staff, today=before, **terms)
    contract_offer(contract=signed, by=staff, today=before)
    signed.refresh_from_db()
    return version, before


def _give_notice(contract, *, on):
    contract.notice_given_on, contract.notice_side = on, "association"
    contract.ended_on, contract.end_reason = contract.end_on - timedelta(days=60), "mutual"
    contract.save()


def test_an_amendment_cannot_be_offered_after_notice_was_given(signed, staff):
    before = signed.start_on - timedelta(days=20)
    _amend(signed, staff, today=before)
    _give_notice(signed, on=before)
    with pytest.raises(ContractError, match="Notice has been given"):
        contract_offer(contract=signed, by=staff, today=before)
    assert signed.versions.get(number=2).status == "draft"


def test_the_volunteer_cannot_sign_an_amendment_after_notice_was_given(signed, staff):
    version, before = _offered_amendment(signed, staff)
    _give_notice(signed, on=before)
    with pytest.raises(ContractError, match="Notice has been given"):
        volunteer_signs(signed, today=before)
    version.refresh_from_db()
    assert version.status == "offered"


def test_the_association_cannot_sign_an_amendment_after_notice_was_given(signed, staff):
    old_end = signed.end_on
    version, before = _offered_amendment(signed, staff)
    volunteer_signs(signed, today=before)
    _give_notice(signed, on=before)
    with pytest.raises(ContractError, match="Notice has been given"):
        association_signs(signed, staff, today=before)
    signed.refresh_from_db()
    version.refresh_from_db()
    assert (signed.end_on, signed.allowance_eur, version.status) == (
        old_end,
        600,
        "volunteer_signed",
    )


@pytest.mark.parametrize("status", ["completed", "ended_early"])
def test_an_amendment_cannot_be_signed_once_the_contract_is_over(signed, staff, status):
    version, before = _offered_amendment(signed, staff)
    volunteer_signs(signed, today=before)
    signed.status = status
    signed.save()
    after = signed.end_on + timedelta(days=1)
    with pytest.raises(ContractError, match="Only a planned or running contract"):
        association_signs(signed, staff, today=after)
    version.refresh_from_db()
    assert version.status == "volunteer_signed"


def test_the_volunteer_cannot_sign_an_amendment_of_a_contract_that_is_over(signed, staff):
    _offered_amendment(signed, staff)
    signed.status = "completed"
    signed.save()
    with pytest.raises(ContractError, match="Only a planned or running contract"):
        volunteer_signs(signed, today=signed.end_on + timedelta(days=1))


def test_an_amendment_moving_the_start_cannot_be_signed_once_the_contract_started(signed, staff):
    old_start = signed.start_on
    _, before = _offered_amendment(signed, staff, start_on=old_start + timedelta(days=7))
    volunteer_signs(signed, today=before)
    signed.status = "active"
    signed.save()
    with pytest.raises(ContractError, match="can no longer be signed") as caught:
        association_signs(signed, staff, today=old_start + timedelta(days=1))
    assert caught.value.reasons == ("The contract is under way: its start cannot change.",)
    signed.refresh_from_db()
    assert signed.start_on == old_start


def test_the_volunteer_cannot_sign_an_amendment_moving_the_start_of_a_started_contract(
    signed, staff
):
    _offered_amendment(signed, staff, start_on=signed.start_on + timedelta(days=7))
    with pytest.raises(ContractError, match="can no longer be signed") as caught:
        volunteer_signs(signed, today=signed.start_on + timedelta(days=1))
    assert caught.value.reasons == ("The contract is under way: its start cannot change.",)


def test_an_amendment_moving_the_start_cannot_be_offered_once_the_contract_started(signed, staff):
    before = signed.start_on - timedelta(days=20)
    _amend(signed, staff, start_on=signed.start_on + timedelta(days=7), today=before)
    signed.status = "active"
    signed.save()
    with pytest.raises(ContractError, match="amendment cannot be offered"):
        contract_offer(contract=signed, by=staff, today=signed.start_on + timedelta(days=1))


def test_the_volunteer_cannot_sign_an_amendment_ending_before_today(signed, staff):
    new_end = signed.start_on + timedelta(days=40)
    _offered_amendment(signed, staff, end_on=new_end)
    signed.status = "active"
    signed.save()
    with pytest.raises(ContractError, match="can no longer be signed") as caught:
        volunteer_signs(signed, today=new_end + timedelta(days=1))
    assert caught.value.reasons == ("The contract cannot end before today.",)


def test_the_volunteer_takes_back_their_signature_of_an_amendment(signed, staff, volunteer):
    version, before = _offered_amendment(signed, staff)
    volunteer_signs(signed, today=before)
    contract_volunteer_decline(contract=signed, by=volunteer.user, reason="terms")
    version.refresh_from_db()
    signed.refresh_from_db()
    assert (version.status, signed.status, signed.allowance_eur) == ("declined", "planned", 600)


def test_a_notice_withdraws_the_pending_amendment(signed, staff):
    _amend(signed, staff)
    notice = signed.start_on - timedelta(days=40)
    contract_give_notice(
        contract=signed,
        by=staff,
        side="association",
        notice_given_on=notice,
        ended_on=signed.start_on + timedelta(days=60),
        reason="mutual",
        today=notice,
    )
    assert signed.versions.get(number=2).status == "withdrawn"
    assert signed.versions.get(number=1).status == "signed"

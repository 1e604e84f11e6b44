"""Contract services: signing with the rules re-run, the departure checklist, starting
(the end and the certificate: test_contract_ends.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import translation

from missions.errors import ContractError
from missions.models import Contract
from missions.services.contract_departure import (
    contract_activate,
    contract_record_criminal_record_check,
    contract_record_prerequisites,
)
from missions.services.contract_ends import contract_complete
from missions.services.contracts import contract_create
from tests.factories import (
    ApplicationFactory,
    ContractFactory,
    MissionFactory,
)
from tests.missions.engagement import sign_both_sides, upload_document
from volunteers.models import Document, PriorMission
from vsi_portal.entitlements import add_months

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The refusals are read in English here (their French is in the catalogue)."""
    with translation.override("en"):
        yield


@pytest.fixture
def mission(association):
    return MissionFactory(association=association, allowance_eur=600)


@pytest.fixture
def accepted(mission, volunteer):
    return ApplicationFactory(mission=mission, volunteer=volunteer, status="accepted")


def _ready(contract, staff, today):
    """A planned contract whose departure checklist is complete."""
    upload_document(contract.volunteer)
    contract_record_criminal_record_check(contract=contract, by=staff, outcome="clear")
    contract_record_prerequisites(
        contract=contract,
        by=staff,
        social_security_affiliated_on=contract.start_on,
        insurance_reference="AXA-123",
        training_completed_on=today,
    )
    contract.refresh_from_db()
    return contract


# --- Signing --------------------------------------------------------------------------------


def test_preparing_copies_the_missions_facts_into_a_draft(accepted, mission, staff):
    contract = contract_create(application=accepted, by=staff)
    assert contract.status == Contract.Status.DRAFT
    assert (contract.start_on, contract.end_on) == (mission.start_on, mission.end_on)
    assert contract.allowance_eur == 600
    assert contract.country == mission.country
    assert contract.association == mission.association
    assert contract.volunteer == accepted.volunteer
    assert contract.signed_by is None and contract.signed_at is None


def test_staff_may_adjust_dates_and_allowance_within_the_rules(accepted, mission, staff):
    start = mission.start_on + timedelta(days=10)
    contract = contract_create(
        application=accepted,
        by=staff,
        start_on=start,
        end_on=add_months(start, 6) - timedelta(days=1),
        allowance_eur=700,
    )
    assert (contract.start_on, contract.allowance_eur) == (start, 700)


def test_a_contract_over_two_years_is_refused_with_the_explained_reason(accepted, mission, staff):
    with pytest.raises(ContractError) as caught:
        contract_create(application=accepted, by=staff, end_on=add_months(mission.start_on, 24))
    assert len(caught.value.reasons) == 1
    assert not Contract.objects.exists()


def test_an_allowance_below_the_minimum_is_refused_on_its_field(accepted, staff):
    with pytest.raises(ValidationError) as caught:
        contract_create(application=accepted, by=staff, allowance_eur=149)
    assert "allowance_eur" in caught.value.message_dict


def test_a_start_in_the_past_is_refused(accepted, staff, today):
    with pytest.raises(ValidationError) as caught:
        contract_create(application=accepted, by=staff, start_on=today - timedelta(1))
    assert "start_on" in caught.value.message_dict


def test_an_end_before_the_start_is_refused(accepted, mission, staff):
    with pytest.raises(ValidationError) as caught:
        contract_create(application=accepted, by=staff, end_on=mission.start_on - timedelta(days=1))
    assert "end_on" in caught.value.message_dict


def test_signing_counts_the_days_already_served(accepted, mission, staff, volunteer):
    PriorMission.objects.create(
        volunteer=volunteer,
        association_name="Avant",
        country="PE",
        start_on=mission.start_on - timedelta(days=6 * 365),
        end_on=mission.start_on - timedelta(days=10),
    )
    with pytest.raises(ContractError) as caught:
        contract_create(application=accepted, by=staff)
    assert len(caught.value.reasons) == 1  # the 6-year cap


def test_signing_sees_another_contract_of_the_volunteer(association, staff, volunteer, mission):
    ContractFactory(
        application=ApplicationFactory(
            mission=MissionFactory(association=association), volunteer=volunteer, status="accepted"
        ),
        start_on=mission.start_on,
        end_on=mission.start_on + timedelta(days=60),
    )
    accepted = ApplicationFactory(mission=mission, volunteer=volunteer, status="accepted")
    with pytest.raises(ContractError) as caught:
        contract_create(application=accepted, by=staff)
    assert len(caught.value.reasons) == 1  # overlaps the other contract


def test_signing_reruns_every_rule_on_todays_profile(accepted, staff, volunteer):
    volunteer.nationalities = ["SN"]
    volunteer.other_activity = True
    volunteer.save()
    with pytest.raises(ContractError) as caught:
        contract_create(application=accepted, by=staff)
    assert len(caught.value.reasons) == 2


def test_approval_ending_before_the_start_refuses_the_contract(association, accepted, staff):
    association.approval_expires_on = accepted.mission.start_on - timedelta(days=1)
    association.save(update_fields=["approval_expires_on"])
    with pytest.raises(ContractError) as caught:
        contract_create(application=accepted, by=staff)
    assert len(caught.value.reasons) == 1


@pytest.mark.parametrize("status", ["submitted", "shortlisted", "rejected", "withdrawn"])
def test_only_an_accepted_application_becomes_a_contract(mission, staff, status):
    application = ApplicationFactory(mission=mission, status=status)
    with pytest.raises(ContractError):
        contract_create(application=application, by=staff)


def test_one_contract_per_application(accepted, staff):
    contract_create(application=accepted, by=staff)
    with pytest.raises(ContractError, match="already"):
        contract_create(application=accepted, by=staff)
    assert Contract.objects.count() == 1


def test_a_suspended_association_signs_no_contract(association, accepted, staff):
    association.status = "suspended"
    association.save(update_fields=["status"])
    with pytest.raises(ContractError, match="suspended"):
        contract_create(application=accepted, by=staff)


def test_staff_of_another_association_cannot_sign(accepted, other_staff):
    with pytest.raises(ContractError):
        contract_create(application=accepted, by=other_staff)


# --- The departure checklist ----------------------------------------------------------------


def test_the_checklist_is_recorded_and_only_the_criminal_record_is_left(association, staff, today):
    contract = ContractFactory(application__mission__association=association)
    contract_record_prerequisites(
        contract=contract,
        by=staff,
        social_security_affiliated_on=contract.start_on,
        insurance_reference=" POL-42 ",
        training_completed_on=today,
    )
    contract.refresh_from_db()
    assert contract.insurance_reference == "POL-42"
    assert contract.social_security_affiliated_on == contract.start_on
    missing = contract.missing_prerequisites()
    assert len(missing) == 1 and "criminal record" in missing[0]


def test_an_affiliation_after_the_start_is_refused(association, staff, today):
    contract = ContractFactory(application__mission__association=association)
    with pytest.raises(ValidationError) as caught:
        contract_record_prerequisites(
            contract=contract,
            by=staff,
            social_security_affiliated_on=contract.start_on + timedelta(days=1),
            insurance_reference="",
            training_completed_on=None,
        )
    assert "social_security_affiliated_on" in caught.value.message_dict


def test_a_training_in_the_future_is_refused(association, staff, today):
    contract = ContractFactory(application__mission__association=association)
    with pytest.raises(ValidationError):
        contract_record_prerequisites(
            contract=contract,
            by=staff,
            social_security_affiliated_on=None,
            insurance_reference="",
            training_completed_on=today + timedelta(days=1),
        )


def test_checking_the_criminal_record_deletes_its_file_and_keeps_the_outcome(association, staff):
    contract = ContractFactory(application__mission__association=association)
    document = upload_document(contract.volunteer)
    storage, name = document.file.storage, document.file.name
    with TestCase.captureOnCommitCallbacks(execute=True):
        contract_record_criminal_record_check(contract=contract, by=staff, outcome="entries")
    contract.refresh_from_db()
    document.refresh_from_db()
    assert contract.criminal_record_outcome == "entries"
    assert contract.criminal_record_checked_by == staff
    assert contract.criminal_record_checked_on is not None
    assert (document.outcome, document.checked_by) == (Document.Outcome.ENTRIES_RECORDED, staff)
    assert not document.file
    assert not storage.exists(name)


def test_no_check_without_an_uploaded_extract(association, staff):
    contract = ContractFactory(application__mission__association=association)
    with pytest.raises(ContractError, match="not uploaded"):
        contract_record_criminal_record_check(contract=contract, by=staff, outcome="clear")


def test_the_criminal_record_is_checked_once(association, staff):
    contract = ContractFactory(application__mission__association=association)
    upload_document(contract.volunteer)
    contract_record_criminal_record_check(contract=contract, by=staff, outcome="clear")
    with pytest.raises(ContractError):
        contract_record_criminal_record_check(contract=contract, by=staff, outcome="clear")


def test_staff_of_another_association_cannot_check_the_record(association, other_staff):
    contract = ContractFactory(application__mission__association=association)
    document = upload_document(contract.volunteer)
    with pytest.raises(ContractError):
        contract_record_criminal_record_check(contract=contract, by=other_staff, outcome="clear")
    document.refresh_from_db()
    assert document.file and not document.is_checked


def test_a_bad_outcome_is_refused(association, staff):
    contract = ContractFactory(application__mission__association=association)
    upload_document(contract.volunteer)
    with pytest.raises(ContractError):
        contract_record_criminal_record_check(contract=contract, by=staff, outcome="meh")


# --- Starting -------------------------------------------------------------------------------


def test_a_contract_with_its_checklist_starts_on_its_start_date(association, staff, today):
    contract = ContractFactory(application__mission__association=association)
    _ready(contract, staff, today)
    contract_activate(contract=contract, by=staff, today=contract.start_on)
    contract.refresh_from_db()
    assert contract.status == "active"
    assert contract.activated_at is not None


def test_a_contract_does_not_start_before_its_start_date(association, staff, today):
    contract = _ready(ContractFactory(application__mission__association=association), staff, today)
    with pytest.raises(ContractError):
        contract_activate(contract=contract, by=staff, today=contract.start_on - timedelta(days=1))


def test_an_incomplete_checklist_blocks_the_start_with_every_missing_item(association, staff):
    contract = ContractFactory(application__mission__association=association)
    with pytest.raises(ContractError) as caught:
        contract_activate(contract=contract, by=staff, today=contract.start_on)
    assert len(caught.value.reasons) == 4


def test_a_running_contract_continues_when_the_association_is_suspended(association, staff, today):
    contract = _ready(ContractFactory(application__mission__association=association), staff, today)
    association.status = "suspended"
    association.save(update_fields=["status"])
    contract_activate(contract=contract, by=staff, today=contract.start_on)
    contract_complete(contract=contract, by=staff, today=contract.end_on)
    assert Contract.objects.get(pk=contract.pk).status == "completed"


# The end, the completion and the certificate: tests/missions/services/test_contract_ends.py.


def test_every_contract_change_is_in_the_audit_trail(accepted, staff, today):
    from vsi_portal.security.models import AuditEvent

    contract = sign_both_sides(accepted, staff)
    _ready(contract, staff, today)
    changes = list(
        AuditEvent.objects.filter(action=AuditEvent.Action.CONTRACT_CHANGE)
        .order_by("pk")
        .values_list("details__change", flat=True)
    )
    assert changes == [
        "prepare",
        "offer",
        "volunteer_sign",
        "association_sign",
        "prerequisites",
    ]
    assert AuditEvent.objects.filter(actor=staff).count() >= 2

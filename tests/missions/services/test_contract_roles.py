"""The role matrix on contracts: an association's editors publish missions and review
applications; only its administrators sign, record the checklist (criminal record included),
start, end and complete contracts (docs/security.md)."""

from __future__ import annotations

import pytest
from django.utils import translation

from missions.errors import ContractError
from missions.services.applications import application_accept, application_shortlist
from missions.services.contract_departure import (
    contract_activate,
    contract_record_criminal_record_check,
    contract_record_prerequisites,
)
from missions.services.contract_ends import contract_complete, contract_give_notice
from missions.services.contracts import contract_create
from tests.factories import ApplicationFactory, ContractFactory, MembershipFactory
from tests.missions.engagement import upload_document
from vsi_portal.security.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def editor(association):
    return MembershipFactory(association=association, role="editor").user


@pytest.fixture
def contract(association):
    return ContractFactory(application__mission__association=association)


def test_an_editor_cannot_sign_a_contract(association, editor):
    application = ApplicationFactory(mission__association=association, status="accepted")
    with pytest.raises(ContractError, match="Only an administrator"):
        contract_create(application=application, by=editor)
    assert not hasattr(application, "contract") or application.contract is None


def test_an_administrator_prepares_it(association, staff):
    application = ApplicationFactory(mission__association=association, status="accepted")
    contract = contract_create(application=application, by=staff)
    assert contract.versions.get().created_by == staff


def test_an_editor_cannot_record_the_checklist(contract, editor, today):
    with pytest.raises(ContractError, match="Only an administrator"):
        contract_record_prerequisites(
            contract=contract,
            by=editor,
            social_security_affiliated_on=contract.start_on,
            insurance_reference="AXA-1",
            training_completed_on=today,
        )
    contract.refresh_from_db()
    assert contract.insurance_reference == ""


def test_an_editor_cannot_record_the_criminal_record_check(contract, editor):
    document = upload_document(contract.volunteer)
    with pytest.raises(ContractError, match="Only an administrator"):
        contract_record_criminal_record_check(contract=contract, by=editor, outcome="clear")
    document.refresh_from_db()
    assert not document.is_checked and document.has_file
    assert not AuditEvent.objects.filter(action="criminal_record_checked").exists()


def test_an_editor_cannot_start_a_contract(contract, editor):
    with pytest.raises(ContractError, match="Only an administrator"):
        contract_activate(contract=contract, by=editor, today=contract.start_on)


def test_an_editor_cannot_end_a_contract_early(contract, editor, today):
    with pytest.raises(ContractError, match="Only an administrator"):
        contract_give_notice(
            contract=contract,
            by=editor,
            side="association",
            notice_given_on=today,
            ended_on=contract.end_on,
            reason="mutual",
        )
    contract.refresh_from_db()
    assert contract.status == "planned"


def test_an_editor_cannot_complete_a_contract(association, editor):
    contract = ContractFactory(application__mission__association=association, status="active")
    with pytest.raises(ContractError, match="Only an administrator"):
        contract_complete(contract=contract, by=editor, today=contract.end_on)


def test_an_editor_still_reviews_applications(association, editor):
    application = ApplicationFactory(mission__association=association)
    application_shortlist(application=application, by=editor)
    application_accept(application=application, by=editor)
    application.refresh_from_db()
    assert application.status == "accepted"

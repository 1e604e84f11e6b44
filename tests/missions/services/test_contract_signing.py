"""Signing a contract: staff prepare and offer it, the volunteer signs or declines, the
association signs last. Every move, and its refusals: wrong side, wrong role, wrong state,
a name that is not the signer's, the rules refusing at the signature."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import translation

from missions.errors import ContractError
from missions.models import Application, ApplicationEvent, Contract, ContractVersion
from missions.services.applications import application_accept
from missions.services.contract_signing import (
    contract_association_sign,
    contract_volunteer_decline,
    contract_volunteer_sign,
)
from missions.services.contracts import (
    contract_create,
    contract_edit_draft,
    contract_offer,
    contract_withdraw_offer,
)
from tests.factories import ApplicationFactory, MembershipFactory, MissionFactory
from tests.missions.engagement import association_signs, contract_for, offer, volunteer_signs
from vsi_portal.security.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def mission(association):
    return MissionFactory(association=association, allowance_eur=600, places=1)


@pytest.fixture
def accepted(mission, volunteer):
    return ApplicationFactory(mission=mission, volunteer=volunteer, status="accepted")


@pytest.fixture
def draft(accepted, staff):
    return contract_create(application=accepted, by=staff)


@pytest.fixture
def offered(draft, staff):
    contract_offer(contract=draft, by=staff)
    draft.refresh_from_db()
    return draft


@pytest.fixture
def editor(association):
    return MembershipFactory(association=association, role="editor").user


def _request(ip="203.0.113.7"):
    return RequestFactory().post("/", REMOTE_ADDR=ip)


def _version(contract) -> ContractVersion:
    return contract.versions.get(number=1)


def _name(user) -> str:
    return user.full_name


# --- Prepare, edit, offer, take back ----------------------------------------------------------


def test_preparing_makes_a_draft_version_with_the_same_terms_and_no_signature(draft):
    version = _version(draft)
    assert (draft.status, version.status) == ("draft", "draft")
    assert (version.start_on, version.end_on, version.allowance_eur) == (
        draft.start_on,
        draft.end_on,
        draft.allowance_eur,
    )
    assert version.volunteer_signed_at is None and version.association_signed_at is None


def test_an_editor_cannot_prepare_a_contract(accepted, editor):
    with pytest.raises(ContractError, match="Only an administrator"):
        contract_create(application=accepted, by=editor)


def test_staff_change_a_drafts_terms_on_the_contract_and_its_version(draft, staff):
    end = draft.end_on - timedelta(days=30)
    contract_edit_draft(
        contract=draft, by=staff, start_on=draft.start_on, end_on=end, allowance_eur=650
    )
    draft.refresh_from_db()
    assert (draft.end_on, draft.allowance_eur) == (end, 650)
    assert (_version(draft).end_on, _version(draft).allowance_eur) == (end, 650)


def test_a_draft_edit_outside_the_bounds_is_refused_on_its_field(draft, staff):
    with pytest.raises(ValidationError) as caught:
        contract_edit_draft(
            contract=draft, by=staff, start_on=draft.start_on, end_on=draft.end_on, allowance_eur=1
        )
    assert "allowance_eur" in caught.value.message_dict


def test_an_offer_cannot_be_edited(offered, staff):
    with pytest.raises(ContractError, match="Only a draft"):
        contract_edit_draft(
            contract=offered,
            by=staff,
            start_on=offered.start_on,
            end_on=offered.end_on,
            allowance_eur=600,
        )


def test_offering_moves_contract_and_version_and_mails_the_volunteer_their_to_do_list(
    draft, staff, django_capture_on_commit_callbacks, outbox
):
    draft.volunteer.user.preferred_language = "en"
    draft.volunteer.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        contract_offer(contract=draft, by=staff)
    draft.refresh_from_db()
    assert draft.status == "offered" and _version(draft).offered_at is not None
    (mail,) = outbox
    assert mail.to == [draft.volunteer.user.email]
    assert "Sign the contract" in mail.body
    assert "criminal record extract" in mail.body
    assert f"/missions/my-contracts/{draft.pk}/" in mail.body


def test_an_editor_cannot_offer(draft, editor):
    with pytest.raises(ContractError, match="Only an administrator"):
        contract_offer(contract=draft, by=editor)


def test_an_offer_cannot_be_offered_again(offered, staff):
    with pytest.raises(ContractError, match="no draft to offer"):
        contract_offer(contract=offered, by=staff)


def test_the_offer_reruns_the_rules_with_the_volunteers_committed_days(draft, staff, volunteer):
    contract_for(volunteer, start=draft.start_on, end=draft.end_on, status="planned")
    with pytest.raises(ContractError, match="cannot be offered") as caught:
        contract_offer(contract=draft, by=staff)
    assert any("shares days" in reason for reason in caught.value.reasons)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_staff_take_an_offer_back_to_a_draft(offered, staff):
    contract_withdraw_offer(contract=offered, by=staff)
    offered.refresh_from_db()
    assert offered.status == "draft"
    assert _version(offered).status == "draft" and _version(offered).offered_at is None


def test_an_offer_signed_by_the_volunteer_cannot_be_taken_back(offered, staff):
    volunteer_signs(offered)
    with pytest.raises(ContractError, match="not signed yet can be taken back"):
        contract_withdraw_offer(contract=offered, by=staff)


# --- The volunteer's signature --------------------------------------------------------------


def test_the_volunteer_signs_with_their_name_and_their_address_is_audited(
    offered, volunteer, django_capture_on_commit_callbacks, outbox, staff
):
    user = volunteer.user
    with django_capture_on_commit_callbacks(execute=True):
        contract_volunteer_sign(
            contract=offered, by=user, full_name=user.full_name, request=_request()
        )
    offered.refresh_from_db()
    version = _version(offered)
    assert offered.status == "volunteer_signed"
    assert (version.status, version.volunteer_signed_by, version.volunteer_signature) == (
        "volunteer_signed",
        user,
        user.full_name,
    )
    event = AuditEvent.objects.filter(details__change="volunteer_sign").get()
    assert (event.actor, event.ip_address) == (user, "203.0.113.7")
    assert user.full_name not in str(event.details)
    assert [mail.to for mail in outbox] == [[staff.email]]  # the association's admins


def test_the_name_is_compared_without_case_accents_or_spaces(offered, volunteer):
    volunteer.user.full_name = "Élodie Dupré-Martin"
    volunteer.user.save()
    contract_volunteer_sign(
        contract=offered, by=volunteer.user, full_name="  elodie  DUPRE martin "
    )
    assert _version(offered).volunteer_signature == "elodie DUPRE martin"


def test_a_name_that_is_not_the_accounts_is_refused_and_says_so(offered, volunteer):
    with pytest.raises(ContractError, match="is not the full name of your account"):
        contract_volunteer_sign(contract=offered, by=volunteer.user, full_name="Someone Else")
    offered.refresh_from_db()
    assert offered.status == "offered"


def test_staff_cannot_sign_the_volunteers_part(offered, staff):
    with pytest.raises(ContractError, match="Only the volunteer signs"):
        contract_volunteer_sign(contract=offered, by=staff, full_name=staff.full_name)


def test_another_person_cannot_sign_the_volunteers_part(offered, outsider):
    with pytest.raises(ContractError, match="Only the volunteer of this contract"):
        contract_volunteer_sign(contract=offered, by=outsider, full_name=outsider.full_name)


def test_a_draft_cannot_be_signed(draft, volunteer):
    with pytest.raises(ContractError, match="no offer waiting"):
        contract_volunteer_sign(contract=draft, by=volunteer.user, full_name=_name(volunteer.user))


def test_the_rules_refuse_a_signature_when_the_days_were_committed_since_the_offer(
    offered, volunteer
):
    contract_for(volunteer, start=offered.start_on, end=offered.end_on, status="planned")
    with pytest.raises(ContractError, match="cannot be signed") as caught:
        volunteer_signs(offered)
    assert any("shares days" in reason for reason in caught.value.reasons)
    offered.refresh_from_db()
    assert offered.status == "offered"


# --- Declining ------------------------------------------------------------------------------


def test_declining_withdraws_the_application_with_its_event_and_tells_the_admins(
    offered, volunteer, staff, django_capture_on_commit_callbacks, outbox
):
    staff.preferred_language = "en"
    staff.save()
    with django_capture_on_commit_callbacks(execute=True):
        contract_volunteer_decline(
            contract=offered, by=volunteer.user, reason="terms", note="Trop court."
        )
    offered.refresh_from_db()
    version = _version(offered)
    assert offered.status == "declined"
    assert (version.status, version.decline_reason, version.decline_note) == (
        "declined",
        "terms",
        "Trop court.",
    )
    application = Application.objects.get(pk=offered.application_id)
    assert (application.status, application.withdrawal_reason) == ("withdrawn", "terms")
    event = ApplicationEvent.objects.filter(application=application).latest("pk")
    assert (event.from_status, event.to_status, event.by) == (
        "accepted",
        "withdrawn",
        volunteer.user,
    )
    assert any(
        "declined the contract" in mail.subject and mail.to == [staff.email] for mail in outbox
    )


def test_a_declined_contract_frees_the_missions_place(offered, volunteer, mission, staff):
    contract_volunteer_decline(contract=offered, by=volunteer.user, reason="dates")
    other = ApplicationFactory(mission=mission, status="shortlisted")
    application_accept(application=other, by=staff)
    other.refresh_from_db()
    assert other.status == "accepted"


def test_declining_needs_a_coded_reason(offered, volunteer):
    with pytest.raises(ContractError, match="Choose why"):
        contract_volunteer_decline(contract=offered, by=volunteer.user, reason="bored")


def test_staff_cannot_decline_for_the_volunteer(offered, staff):
    with pytest.raises(ContractError, match="Only the volunteer signs"):
        contract_volunteer_decline(contract=offered, by=staff, reason="terms")


# --- Taking back a signature the association has not matched ------------------------------


def test_the_volunteer_takes_back_their_signature_and_declines_before_the_association_signs(
    offered, volunteer
):
    volunteer_signs(offered)
    contract_volunteer_decline(
        contract=offered, by=volunteer.user, reason="dates", note="Plus dispo."
    )
    offered.refresh_from_db()
    version = _version(offered)
    assert (offered.status, version.status, version.decline_reason) == (
        "declined",
        "declined",
        "dates",
    )
    assert version.volunteer_signed_at is not None  # the record keeps that they had signed


def test_taking_back_a_signature_withdraws_the_application(offered, volunteer):
    volunteer_signs(offered)
    contract_volunteer_decline(contract=offered, by=volunteer.user, reason="dates")
    application = Application.objects.get(pk=offered.application_id)
    assert (application.status, application.withdrawal_reason) == ("withdrawn", "dates")


def test_a_contract_declined_after_the_volunteers_signature_holds_no_days(offered, volunteer):
    volunteer_signs(offered)
    contract_volunteer_decline(contract=offered, by=volunteer.user, reason="dates")
    assert not Contract.objects.binding().filter(pk=offered.pk).exists()
    other = contract_for(volunteer, start=offered.start_on, end=offered.end_on, status="planned")
    assert other.status == "planned"  # the database accepts the same days again


def test_taking_back_a_signature_tells_the_admins_and_is_audited(
    offered, volunteer, staff, django_capture_on_commit_callbacks, outbox
):
    staff.preferred_language = "en"
    staff.save()
    volunteer_signs(offered)
    with django_capture_on_commit_callbacks(execute=True):
        contract_volunteer_decline(
            contract=offered, by=volunteer.user, reason="dates", request=_request()
        )
    (mail,) = outbox
    assert mail.to == [staff.email]
    assert "took back their signature and declined" in mail.body
    event = AuditEvent.objects.filter(details__change="volunteer_decline").get()
    assert (event.actor, event.ip_address, event.details["version_status"]) == (
        volunteer.user,
        "203.0.113.7",
        "declined",
    )


# --- The association's signature -----------------------------------------------------------


def test_the_association_cannot_sign_a_first_contract_whose_start_has_passed(offered, staff):
    volunteer_signs(offered, today=offered.start_on - timedelta(days=5))
    with pytest.raises(ContractError, match="has passed: the volunteer can decline it"):
        association_signs(offered, staff, today=offered.start_on + timedelta(days=1))
    offered.refresh_from_db()
    assert (offered.status, offered.signed_at) == ("volunteer_signed", None)


def test_the_association_signs_last_and_the_contract_is_planned(
    offered, staff, django_capture_on_commit_callbacks, outbox
):
    volunteer_signs(offered)
    with django_capture_on_commit_callbacks(execute=True):
        contract_association_sign(
            contract=offered,
            by=staff,
            full_name=staff.full_name,
            role="Présidente",
            request=_request("198.51.100.4"),
        )
    offered.refresh_from_db()
    version = _version(offered)
    assert (offered.status, offered.signed_by) == ("planned", staff)
    assert offered.signed_at is not None
    assert (version.status, version.association_signature, version.association_signatory_role) == (
        "signed",
        staff.full_name,
        "Présidente",
    )
    event = AuditEvent.objects.filter(details__change="association_sign").get()
    assert event.ip_address == "198.51.100.4"
    assert [mail.to for mail in outbox] == [[offered.volunteer.user.email]]


def test_the_association_cannot_sign_before_the_volunteer(offered, staff):
    with pytest.raises(ContractError, match="has not signed yet"):
        association_signs(offered, staff)


def test_the_volunteer_cannot_sign_the_associations_part(offered, volunteer):
    volunteer_signs(offered)
    with pytest.raises(ContractError, match="not the volunteer"):
        contract_association_sign(
            contract=offered, by=volunteer.user, full_name=_name(volunteer.user), role="Moi"
        )


def test_an_editor_cannot_sign_for_the_association(offered, editor):
    volunteer_signs(offered)
    with pytest.raises(ContractError, match="Only an administrator"):
        association_signs(offered, editor)


def test_the_association_signatory_types_their_own_name_and_role(offered, staff):
    volunteer_signs(offered)
    with pytest.raises(ContractError, match="is not the full name of your account"):
        contract_association_sign(contract=offered, by=staff, full_name="Jean Autre", role="P")
    with pytest.raises(ContractError, match="Give your role"):
        contract_association_sign(contract=offered, by=staff, full_name=staff.full_name, role=" ")


def test_a_suspended_association_cannot_sign(offered, staff, association):
    volunteer_signs(offered)
    association.status = "suspended"
    association.save()
    with pytest.raises(ContractError, match="suspended or expired"):
        association_signs(offered, staff)
    offered.refresh_from_db()
    assert offered.status == "volunteer_signed"


def test_the_rules_refuse_the_associations_signature_when_approval_ends_before_the_start(
    offered, staff, association
):
    volunteer_signs(offered)
    association.approval_expires_on = offered.start_on - timedelta(days=1)
    association.save()
    with pytest.raises(ContractError, match="cannot be signed") as caught:
        association_signs(offered, staff)
    assert caught.value.reasons
    assert Contract.objects.get(pk=offered.pk).status == "volunteer_signed"


def test_the_contract_moves_only_along_its_signing_table(offered, staff, volunteer):
    assert offer  # the helper used elsewhere; here each step by hand
    volunteer_signs(offered)
    association_signs(offered, staff)
    with pytest.raises(ContractError):
        volunteer_signs(offered)
    with pytest.raises(ContractError):
        association_signs(offered, staff)
    with pytest.raises(ContractError):
        contract_volunteer_decline(contract=offered, by=volunteer.user, reason="terms")

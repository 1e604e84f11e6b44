"""The certificate of completion: issued by an administrator after the last day, once,
attesting the days actually served; its PDF's words (read back with pypdf), its file name
and its verification code."""

from __future__ import annotations

import re
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from pypdf import PdfReader

from missions.certificate import (
    CODE_ALPHABET,
    certificate_filename,
    certificate_pdf,
    format_certificate_code,
    normalise_certificate_code,
)
from missions.errors import ContractError
from missions.models import Contract
from missions.services.contract_ends import (
    contract_complete,
    contract_give_notice,
    contract_issue_certificate,
    contracts_end_due,
)
from tests.factories import ContractFactory, MembershipFactory, VolunteerFactory
from vsi_portal.entitlements import earliest_end_after_notice
from vsi_portal.outbox.models import OutboxMessage
from vsi_portal.security.models import AuditEvent

pytestmark = pytest.mark.django_db

START, END = date(2030, 1, 1), date(2030, 12, 31)
NOTICE = date(2030, 3, 10)
LAST_DAY = earliest_end_after_notice(NOTICE)  # 10 April 2030
SIGNATORY = {"place": "Lyon", "signatory_name": "Anne Dupuis", "signatory_role": "Présidente"}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def contract(association):
    association.city = "Lyon"
    association.save(update_fields=["city"])
    volunteer = VolunteerFactory(user__full_name="Léa Martin")
    return ContractFactory(
        application__mission__association=association,
        application__mission__title="Appui aux écoles de Thiès",
        application__volunteer=volunteer,
        status="active",
        start_on=START,
        end_on=END,
    )


def _issue(contract, by, today, **kwargs):
    return contract_issue_certificate(contract=contract, by=by, today=today, **SIGNATORY | kwargs)


def _ended_early(contract, staff):
    contract_give_notice(
        contract=contract,
        by=staff,
        side="association",
        notice_given_on=NOTICE,
        ended_on=LAST_DAY,
        reason="family",
        compelling_reason=True,
        today=NOTICE,
    )
    contracts_end_due(today=LAST_DAY + timedelta(days=1))
    contract.refresh_from_db()
    return contract


def _pdf_text(contract, language="en"):
    with translation.override(language):
        pdf = certificate_pdf(contract)
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    return " ".join(text.split())


# --- Issuing --------------------------------------------------------------------------------


def test_no_certificate_while_the_notice_runs(contract, staff):
    contract_give_notice(
        contract=contract,
        by=staff,
        side="association",
        notice_given_on=NOTICE,
        ended_on=LAST_DAY,
        reason="mutual",
        today=NOTICE,
    )
    for day in (NOTICE, LAST_DAY, LAST_DAY + timedelta(days=1)):  # the job has not run yet
        with pytest.raises(ContractError, match="once the contract is over"):
            _issue(contract, staff, day)


def test_after_the_early_end_the_certificate_attests_the_days_served(contract, staff):
    contract = _ended_early(contract, staff)
    _issue(contract, staff, LAST_DAY + timedelta(days=1))
    contract.refresh_from_db()
    assert contract.certificate_issued_by == staff
    assert (contract.certificate_place, contract.certificate_signatory_role) == (
        "Lyon",
        "Présidente",
    )
    text = _pdf_text(contract)
    assert f"Days served: {(LAST_DAY - START).days + 1}" in text
    assert "Last day: April 10, 2030" in text
    assert "Ended early, notice given on: March 10, 2030" in text


def test_a_completed_contract_gets_its_certificate_from_the_day_after_its_end(contract, staff):
    contract_complete(contract=contract, by=staff, today=END)
    with pytest.raises(ContractError, match=r"from Jan\. 1, 2031"):
        _issue(contract, staff, END)
    _issue(contract, staff, END + timedelta(days=1))
    contract.refresh_from_db()
    assert (
        contract.certificate_number
        == f"VSI-{contract.certificate_issued_at.year}-{contract.pk:06d}"
    )


def test_the_certificate_is_issued_once(contract, staff):
    contract_complete(contract=contract, by=staff, today=END)
    _issue(contract, staff, END + timedelta(days=1))
    code = Contract.objects.get(pk=contract.pk).certificate_code
    with pytest.raises(ContractError, match="already been issued"):
        _issue(contract, staff, END + timedelta(days=2))
    assert Contract.objects.get(pk=contract.pk).certificate_code == code


def test_an_editor_cannot_issue_the_certificate(contract, staff, association):
    contract_complete(contract=contract, by=staff, today=END)
    editor = MembershipFactory(association=association, role="editor").user
    with pytest.raises(ContractError, match="Only an administrator"):
        _issue(contract, editor, END + timedelta(days=1))


def test_the_place_and_the_signatory_are_required(contract, staff):
    contract_complete(contract=contract, by=staff, today=END)
    with pytest.raises(ValidationError) as caught:
        _issue(contract, staff, END + timedelta(days=1), place=" ", signatory_role="")
    assert set(caught.value.message_dict) == {"place", "signatory_role"}
    assert Contract.objects.get(pk=contract.pk).certificate_issued_at is None


def test_issuing_is_audited_and_mailed_to_the_volunteer(contract, staff):
    contract_complete(contract=contract, by=staff, today=END)
    _issue(contract, staff, END + timedelta(days=1))
    assert AuditEvent.objects.filter(details__change="issue_certificate", actor=staff).exists()
    mails = OutboxMessage.objects.filter(kind="missions.contract_end").order_by("pk")
    # The completion went to both sides; the certificate to the volunteer alone.
    (mail,) = [m for m in mails if "attestation" in m.subject or "certificate" in m.subject]
    assert mail.to == contract.volunteer.user.email


# --- Codes ----------------------------------------------------------------------------------


def test_codes_are_random_unambiguous_and_unique(association, staff):
    codes = set()
    for _ in range(5):
        contract = ContractFactory(
            application__mission__association=association, status="completed"
        )
        _issue(contract, staff, contract.end_on + timedelta(days=1))
        codes.add(Contract.objects.get(pk=contract.pk).certificate_code)
    assert len(codes) == 5
    for code in codes:
        assert len(code) == 12 and set(code) <= set(CODE_ALPHABET)
        assert not set(code) & set("0O1IL")


def test_a_code_is_read_in_any_case_with_or_without_dashes():
    assert format_certificate_code("ABCDEFGHJKMN") == "ABCD-EFGH-JKMN"
    for typed in ("ABCD-EFGH-JKMN", "abcd efgh jkmn", " abcdefghjkmn ", "AbCd–EfGh-JkMn"):
        assert normalise_certificate_code(typed) == "ABCDEFGHJKMN"


# --- The PDF's words and its name -----------------------------------------------------------


@pytest.fixture
def issued(contract, staff):
    contract_complete(contract=contract, by=staff, today=END)
    _issue(contract, staff, END + timedelta(days=1))
    contract.refresh_from_db()
    return contract


def test_the_pdf_states_every_fact_in_english(issued):
    text = _pdf_text(issued)
    code = format_certificate_code(issued.certificate_code)
    issued_on = issued.certificate_issued_at
    for expected in (
        "Certificate of completion",
        "Volunteer: Léa Martin",
        "Born on: May 10, 1995",
        f"Association: {issued.association.name}",
        f"Ministry approval: {issued.association.approval_reference}",
        "Mission: Appui aux écoles de Thiès",
        "Country: Senegal",
        "First day: Jan. 1, 2030",
        "Last day: Dec. 31, 2030",
        "Days served: 365",
        "Made at Lyon, on",
        "Anne Dupuis",
        "Présidente",
        f"Verification code: {code}",
        f"{settings.SITE_URL}/certificates/verify/",
    ):
        assert expected in text, expected
    assert str(issued_on.year) in text
    assert "Ended early" not in text


def test_the_pdf_speaks_french_to_a_french_reader(issued):
    text = _pdf_text(issued, "fr")
    assert "Fait à Lyon, le" in text
    assert "Sénégal" in text and "Jours effectués" in text and "365" in text
    assert re.search(r"Code de vérification ?: [A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", text)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_file_name_says_who_and_when_in_french_in_every_language(issued, language):
    with translation.override(language):
        assert (
            certificate_filename(issued) == "attestation-vsi-lea-martin-2030-01-01-2030-12-31.pdf"
        )

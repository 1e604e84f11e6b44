"""The certificate's content and PDF, and the e-mails of applications and contracts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import translation

from missions.certificate import certificate_lines, certificate_pdf
from missions.services import applications as application_services
from missions.services.applications import (
    application_reject,
    application_submit,
    application_withdraw,
)
from missions.services.contract_ends import contract_complete, contract_end_early
from tests.factories import (
    ApplicationFactory,
    ContractFactory,
    MembershipFactory,
    MissionFactory,
    UserFactory,
    VolunteerFactory,
)
from tests.mail import send_the_hours_digests
from tests.missions.engagement import sign_both_sides
from vsi_portal.entitlements import earliest_end_after_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(association, staff):
    volunteer = VolunteerFactory(user__full_name="Léa Martin")
    contract = ContractFactory(
        application__mission__association=association,
        application__mission__title="Appui aux écoles de Thiès",
        application__volunteer=volunteer,
        status="active",
    )
    contract_complete(contract=contract, by=staff, today=contract.end_on)
    contract.refresh_from_db()
    return contract


def test_the_certificate_states_every_fact_in_english(completed):
    with translation.override("en"):
        lines = certificate_lines(completed)
    text = "\n".join(lines)
    days = (completed.end_on - completed.start_on).days + 1
    assert lines[0].startswith("Certificate of completion")
    for expected in (
        "Volunteer: Léa Martin",
        "Born on: May 10, 1995",
        f"Association: {completed.association.name}",
        "Mission: Appui aux écoles de Thiès",
        "Country: Senegal",
        f"Days served: {days}",
        f"Certificate number: {completed.certificate_number}",
    ):
        assert expected in text
    assert "Ended early" not in text


def test_the_certificate_speaks_french_to_a_french_reader(completed):
    with translation.override("fr"):
        text = "\n".join(certificate_lines(completed))
    assert "Sénégal" in text and "Jours effectués" in text


def test_an_early_end_appears_on_the_certificate(association, staff):
    contract = ContractFactory(application__mission__association=association, status="active")
    notice = contract.start_on + timedelta(days=40)
    ended = earliest_end_after_notice(notice)
    contract_end_early(
        contract=contract,
        by=staff,
        notice_given_on=notice,
        ended_on=ended,
        reason="family",
        compelling_reason=True,
        today=notice,
    )
    contract.refresh_from_db()
    with translation.override("en"):
        text = "\n".join(certificate_lines(contract))
    assert f"Days served: {(ended - contract.start_on).days + 1}" in text
    assert "Ended early, notice given on" in text
    assert "Family reasons" in text


def test_the_pdf_carries_the_certificates_words(completed):
    with translation.override("en"):
        pdf = certificate_pdf(completed, compress=False)
        compressed = certificate_pdf(completed)
    assert pdf.startswith(b"%PDF") and compressed.startswith(b"%PDF")
    assert b"Certificate of completion" in pdf
    assert completed.certificate_number.encode() in pdf
    assert b"Senegal" in pdf


# --- E-mails --------------------------------------------------------------------------------


def test_a_new_application_is_mailed_to_the_staff_in_their_language(
    association, django_capture_on_commit_callbacks, outbox
):
    admin = MembershipFactory(association=association, user__preferred_language="en").user
    editor = MembershipFactory(
        association=association, role="editor", user__preferred_language="fr"
    ).user
    mission = MissionFactory(association=association)
    volunteer = VolunteerFactory(user__full_name="Léa Martin")
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(
            mission=mission, volunteer=volunteer, motivation="Motivée.", by=volunteer.user
        )
    assert outbox == []  # the staff get the hour's applications in one e-mail
    send_the_hours_digests()
    by_address = {message.to[0]: message for message in outbox}
    assert set(by_address) == {admin.email, editor.email}
    english, french = by_address[admin.email], by_address[editor.email]
    assert english.subject.startswith("New application")
    assert french.subject.startswith("Nouvelle candidature")
    assert "Léa Martin" in english.body
    assert f"/missions/manage/applications/{application.pk}/" in english.body
    assert english.body.count("http") == 1
    html = english.alternatives[0][0]
    assert 'lang="en"' in html


@pytest.mark.parametrize(
    ("move", "subject_en"),
    [
        ("shortlist", "Your application is shortlisted"),
        ("accept", "Your application is accepted"),
        ("reject", "Your application was not retained"),
    ],
)
def test_staff_decisions_are_mailed_to_the_volunteer_in_their_language(
    association, staff, django_capture_on_commit_callbacks, outbox, move, subject_en
):
    volunteer = VolunteerFactory(user__preferred_language="en")
    application = ApplicationFactory(mission__association=association, volunteer=volunteer)
    with django_capture_on_commit_callbacks(execute=True):
        if move == "reject":
            application_reject(
                application=application, by=staff, reason="languages", message="Wolof needed."
            )
        else:
            getattr(application_services, f"application_{move}")(application=application, by=staff)
    (message,) = outbox
    assert message.to == [volunteer.user.email]
    assert message.subject.startswith(subject_en)
    if move == "reject":
        assert "Language skills do not match" in message.body
        assert "Wolof needed." in message.body


def test_a_withdrawal_is_mailed_to_the_staff_with_the_reason(
    association, staff, django_capture_on_commit_callbacks, outbox
):
    application = ApplicationFactory(mission__association=association)
    with django_capture_on_commit_callbacks(execute=True):
        application_withdraw(
            application=application, by=application.volunteer.user, reason="other_mission"
        )
    send_the_hours_digests()
    (message,) = outbox
    assert message.to == [staff.email]
    assert message.subject.startswith("Candidature retirée")
    assert "J’ai accepté une autre mission" in message.body or "autre mission" in message.body


def test_an_inactive_staff_account_gets_no_mail(
    association, staff, django_capture_on_commit_callbacks, outbox
):
    gone = UserFactory(is_active=False)
    MembershipFactory(association=association, user=gone)
    application = ApplicationFactory(mission__association=association)
    with django_capture_on_commit_callbacks(execute=True):
        application_withdraw(application=application, by=application.volunteer.user, reason="dates")
    send_the_hours_digests()
    assert [message.to for message in outbox] == [[staff.email]]


def test_contract_changes_are_mailed_to_the_volunteer_in_their_language(
    association, staff, django_capture_on_commit_callbacks, outbox
):
    volunteer = VolunteerFactory(user__preferred_language="en")
    application = ApplicationFactory(
        mission__association=association, volunteer=volunteer, status="accepted"
    )
    with django_capture_on_commit_callbacks(execute=True):
        contract = sign_both_sides(application, staff)
    with django_capture_on_commit_callbacks(execute=True):
        contract_end_early(
            contract=contract,
            by=staff,
            notice_given_on=contract.start_on - timedelta(days=60),
            ended_on=contract.start_on + timedelta(days=90),
            reason="security",
            compelling_reason=True,
            today=contract.start_on - timedelta(days=10),
        )
    offered, signed, ended = [m for m in outbox if m.to == [volunteer.user.email]]
    assert offered.subject.startswith("A VSI contract to sign")
    assert signed.subject.startswith("Your VSI contract is signed")
    assert "Senegal" in signed.body
    assert f"/missions/my-contracts/{contract.pk}/" in signed.body
    assert ended.subject.startswith("Early end of your contract")
    assert "Security in the host country" in ended.body

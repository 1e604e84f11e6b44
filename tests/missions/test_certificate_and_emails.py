"""The e-mails of applications and contracts (the certificate itself:
services/test_contract_certificates.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from missions.services import applications as application_services
from missions.services.applications import (
    application_reject,
    application_submit,
    application_withdraw,
)
from missions.services.contract_ends import contract_give_notice
from tests.factories import (
    ApplicationFactory,
    MembershipFactory,
    MissionFactory,
    UserFactory,
    VolunteerFactory,
)
from tests.mail import send_the_hours_digests
from tests.missions.engagement import sign_both_sides

pytestmark = pytest.mark.django_db


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
    assert english.body.count("http") == 2  # the application; the settings in the footer
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
        contract_give_notice(
            contract=contract,
            by=staff,
            side="association",
            notice_given_on=contract.start_on - timedelta(days=60),
            ended_on=contract.start_on + timedelta(days=90),
            reason="security",
            compelling_reason=True,
            today=contract.start_on - timedelta(days=10),
        )
    offered, signed, notice = [m for m in outbox if m.to == [volunteer.user.email]]
    *_signing, staff_notice = [m for m in outbox if m.to == [staff.email]]
    assert offered.subject.startswith("A VSI contract to sign")
    assert signed.subject.startswith("Your VSI contract is signed")
    assert "Senegal" in signed.body
    assert f"/missions/my-contracts/{contract.pk}/" in signed.body
    assert notice.to == [volunteer.user.email]
    assert notice.subject.startswith("Notice given: the contract ends on")
    assert "Security in the host country" in notice.body
    assert "by the association" in notice.body
    assert staff_notice.to == [staff.email]
    assert f"/missions/manage/contracts/{contract.pk}/" in staff_notice.body

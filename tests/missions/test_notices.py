"""In-app notifications of application moves and of a contract offered (missions/notices.py):
the other side only, in the recipient's language, naming the volunteer and the mission."""

from __future__ import annotations

import pytest
from django.urls import reverse

from missions import personal_data
from missions.services.applications import (
    application_accept,
    application_reject,
    application_shortlist,
    application_submit,
    application_withdraw,
)
from missions.services.contracts import contract_create, contract_offer
from notifications.models import Notification, NotificationPreference
from notifications.notices import notification_create
from notifications.reminders import registered_kinds
from tests.factories import ApplicationFactory, MembershipFactory, MissionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mission(association):
    return MissionFactory(association=association, title="Appui scolaire à Dakar", places=2)


@pytest.fixture
def applicant(volunteer):
    volunteer.user.full_name = "Awa Diallo"
    volunteer.user.save(update_fields=["full_name"])
    return volunteer


@pytest.fixture
def application(mission, applicant):
    return ApplicationFactory(mission=mission, volunteer=applicant)


def _apply(mission, volunteer):
    return application_submit(
        mission=mission, volunteer=volunteer, motivation="Enseigner.", by=volunteer.user
    )


def _only(user) -> Notification:
    return Notification.objects.get(recipient=user)


# --- To the staff -----------------------------------------------------------------------------


def test_a_new_application_notifies_the_staff_naming_the_volunteer_and_the_mission(
    mission, applicant, staff
):
    application = _apply(mission, applicant)
    notification = _only(staff)
    assert notification.kind == "application_submitted"
    assert notification.title == "Nouvelle candidature de Awa Diallo\u00a0: Appui scolaire à Dakar"
    assert notification.link == reverse(
        "missions:application_detail", kwargs={"pk": application.pk}
    )


def test_a_new_application_reaches_an_editor_in_their_own_language(mission, applicant, staff):
    editor = MembershipFactory(
        association=mission.association, role="editor", user__preferred_language="en"
    ).user
    _apply(mission, applicant)
    assert _only(editor).title == "New application from Awa Diallo: Appui scolaire à Dakar"


def test_the_volunteer_who_applies_gets_no_notification_of_it(mission, applicant, staff):
    _apply(mission, applicant)
    assert not Notification.objects.filter(recipient=applicant.user).exists()


def test_another_associations_staff_get_no_notification(mission, applicant, other_staff):
    _apply(mission, applicant)
    assert not Notification.objects.filter(recipient=other_staff).exists()


def test_an_inactive_staff_account_gets_no_notification(mission, applicant, staff):
    staff.is_active = False
    staff.save(update_fields=["is_active"])
    _apply(mission, applicant)
    assert not Notification.objects.exists()


def test_a_withdrawal_notifies_the_staff_with_its_reason_and_message(application, staff):
    application_withdraw(
        application=application,
        by=application.volunteer.user,
        reason="employment",
        message="J’ai trouvé un emploi.",
    )
    notification = _only(staff)
    assert notification.title == "Awa Diallo a retiré sa candidature\u00a0: Appui scolaire à Dakar"
    assert notification.body.splitlines()[1:] == [
        "Motif\u00a0: J’ai trouvé un emploi",
        "Message\u00a0: J’ai trouvé un emploi.",
    ]


# --- To the volunteer -------------------------------------------------------------------------


def test_shortlisting_notifies_the_volunteer_and_not_the_staff(application, staff):
    application_shortlist(application=application, by=staff)
    notification = _only(application.volunteer.user)
    assert (
        notification.title == "Votre candidature est présélectionnée\u00a0: Appui scolaire à Dakar"
    )
    assert notification.link == reverse("missions:my_applications")
    assert not Notification.objects.filter(recipient=staff).exists()


def test_an_acceptance_reaches_the_volunteer_in_their_language(application, staff):
    user = application.volunteer.user
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    application_accept(application=application, by=staff)
    notification = _only(user)
    assert notification.title == "Your application is accepted: Appui scolaire à Dakar"
    assert application.mission.association.name in notification.body


def test_a_refusal_tells_the_volunteer_its_reason_and_message(application, staff):
    application_reject(
        application=application, by=staff, reason="languages", message="Le wolof est requis."
    )
    notification = _only(application.volunteer.user)
    assert notification.kind == "application_rejected"
    assert notification.body.splitlines()[1:] == [
        "Motif\u00a0: Les compétences linguistiques ne correspondent pas",
        "Message\u00a0: Le wolof est requis.",
    ]


def test_muting_every_reminder_kind_leaves_the_notifications_of_moves(application, staff):
    NotificationPreference.objects.create(
        user=application.volunteer.user,
        muted_kinds=[kind.code for kind in registered_kinds() if not kind.essential],
    )
    application_shortlist(application=application, by=staff)
    assert Notification.objects.filter(recipient=application.volunteer.user).count() == 1


def test_offering_a_contract_notifies_the_volunteer_with_a_link_to_it(application, staff):
    application_accept(application=application, by=staff)
    contract = contract_create(application=application, by=staff)
    contract_offer(contract=contract, by=staff)
    notification = Notification.objects.get(kind="contract_offered")
    assert notification.recipient == application.volunteer.user
    assert notification.title == "Un contrat de VSI vous est proposé\u00a0: Appui scolaire à Dakar"
    assert notification.link == reverse("missions:my_contract", kwargs={"pk": contract.pk})


# --- Erasure ----------------------------------------------------------------------------------


def test_erasure_deletes_the_staff_notifications_that_name_the_volunteer(mission, applicant, staff):
    _apply(mission, applicant)
    personal_data.erase(applicant.user)
    assert not Notification.objects.filter(recipient=staff, title__contains="Awa Diallo").exists()


def test_erasure_tells_the_staff_of_the_withdrawal_without_the_name(mission, applicant, staff):
    _apply(mission, applicant)
    personal_data.erase(applicant.user)
    notification = _only(staff)
    assert notification.title == (
        "Un volontaire qui a supprimé son compte a retiré sa candidature\u00a0: "
        "Appui scolaire à Dakar"
    )


# --- The one home -----------------------------------------------------------------------------


def test_a_notification_is_not_written_for_an_inactive_account():
    user = UserFactory(is_active=False)
    assert notification_create(recipient=user, kind="application_accepted", title="T") is None


def test_a_notification_link_must_be_a_path_on_the_site():
    with pytest.raises(ValueError):
        notification_create(
            recipient=UserFactory(), kind="application_accepted", title="T", link="https://x.org/"
        )

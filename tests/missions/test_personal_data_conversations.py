"""The conversations in the data export and on erasure (missions/personal_data.py): the
volunteer's messages leave with their account, the association keeps its side."""

from __future__ import annotations

import pytest

from missions.models import ApplicationMessage, MessageReport
from missions.services.conversations import message_post, message_report
from notifications.models import Notification
from privacy.selectors import export_data
from privacy.services import account_delete
from tests.factories import ApplicationFactory, MembershipFactory, MissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(association, volunteer):
    return ApplicationFactory(mission=MissionFactory(association=association), volunteer=volunteer)


@pytest.fixture
def conversation(application, staff):
    message_post(application=application, body="Êtes-vous disponible ?", by=staff)
    message_post(application=application, body="Oui, dès mars.", by=application.volunteer.user)
    return application


def test_the_export_holds_each_message_with_its_side_date_and_text(conversation):
    data = export_data(conversation.volunteer.user)
    messages = data["applications"][0]["messages"]
    assert [(m["side"], m["by_you"], m["text"]) for m in messages] == [
        ("association", False, "Êtes-vous disponible ?"),
        ("volunteer", True, "Oui, dès mars."),
    ]
    assert all(m["at"] for m in messages)


def test_erasure_blanks_the_volunteers_messages_and_keeps_the_associations(conversation):
    account_delete(user=conversation.volunteer.user)
    rows = list(ApplicationMessage.objects.order_by("pk").values_list("side", "body", "author"))
    assert rows[0][:2] == ("association", "Êtes-vous disponible ?")
    assert rows[1] == ("volunteer", "", None)


def test_erasure_deletes_the_staffs_notifications_of_the_persons_messages(conversation, staff):
    assert Notification.objects.filter(recipient=staff, kind="application_message").exists()
    account_delete(user=conversation.volunteer.user)
    assert not Notification.objects.filter(recipient=staff, kind="application_message").exists()


def test_erasure_keeps_the_persons_reports_without_their_name(conversation, staff):
    message = ApplicationMessage.objects.get(side="association")
    message_report(message=message, reason="Insistant.", by=conversation.volunteer.user)
    account_delete(user=conversation.volunteer.user)
    report = MessageReport.objects.get()
    assert (report.reported_by, report.reason) == (None, "Insistant.")


def test_the_erased_volunteers_conversation_is_closed_and_reads_message_deleted(
    client, conversation, staff
):
    account_delete(user=conversation.volunteer.user)
    client.force_login(staff)
    body = client.get(f"/missions/manage/applications/{conversation.pk}/").content.decode()
    assert "Message supprimé avec le compte" in body
    assert "Le ou la volontaire a supprimé son compte" in body
    assert "Oui, dès mars." not in body


def test_another_staff_members_messages_stay_when_a_volunteer_leaves(conversation, association):
    colleague = MembershipFactory(association=association).user
    message_post(application=conversation, body="Bonne journée.", by=colleague)
    account_delete(user=conversation.volunteer.user)
    assert ApplicationMessage.objects.filter(body="Bonne journée.", author=colleague).exists()

"""The news of a message (missions/conversation_notices.py): an in-app notification for
each person on the other side at once, and e-mails grouped so that a burst of messages
makes one e-mail per conversation and hour to each address."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from missions.services.conversations import message_post
from notifications.models import Notification
from tests.factories import ApplicationFactory, MembershipFactory, MissionFactory, VolunteerFactory
from vsi_portal.outbox.sending import outbox_send

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
TEN_PAST_TEN = datetime(2026, 3, 10, 10, 5, tzinfo=PARIS)


@pytest.fixture
def admin(association):
    return MembershipFactory(association=association, user__full_name="Marie Sow").user


@pytest.fixture
def editor(association):
    return MembershipFactory(
        association=association, role="editor", user__preferred_language="en"
    ).user


@pytest.fixture
def application(association, admin, editor):
    volunteer = VolunteerFactory(user__full_name="Awa Diallo", user__preferred_language="en")
    mission = MissionFactory(association=association, title="Appui scolaire à Dakar")
    return ApplicationFactory(mission=mission, volunteer=volunteer)


def _post(application, by, body="Bonjour !", at=TEN_PAST_TEN):
    return message_post(application=application, body=body, by=by, now=at)


# --- In-app, at once --------------------------------------------------------------------------


def test_a_volunteers_message_notifies_each_staff_member_in_their_language(
    application, admin, editor
):
    _post(application, application.volunteer.user, body="Quand commence la mission ?")
    french = Notification.objects.get(recipient=admin)
    assert french.kind == "application_message"
    assert french.title == "Nouveau message de Awa Diallo\u00a0: Appui scolaire à Dakar"
    assert french.body == "Quand commence la mission ?"
    assert french.link == f"/missions/manage/applications/{application.pk}/#conversation"
    english = Notification.objects.get(recipient=editor)
    assert english.title == "New message from Awa Diallo: Appui scolaire à Dakar"


def test_a_staff_message_notifies_the_volunteer_naming_the_association(application, admin):
    _post(application, admin)
    notification = Notification.objects.get(recipient=application.volunteer.user)
    assert notification.title == (
        f"New message from {application.mission.association.name}: Appui scolaire à Dakar"
    )
    assert notification.link == f"/missions/my-applications/{application.pk}/#conversation"


def test_neither_the_author_nor_their_colleagues_are_notified(application, admin, editor):
    _post(application, admin)
    assert not Notification.objects.filter(recipient__in=[admin, editor]).exists()


def test_a_long_message_is_cut_in_the_notification(application, admin):
    _post(application, admin, body="mot " * 500)
    assert len(Notification.objects.get().body) <= 200


# --- By e-mail, grouped -----------------------------------------------------------------------


def test_a_burst_of_10_messages_in_an_hour_makes_one_email_per_address(
    application, admin, editor, outbox
):
    volunteer = application.volunteer.user
    for minute in range(10):
        _post(
            application,
            volunteer,
            body=f"Question {minute}",
            at=TEN_PAST_TEN.replace(minute=5 + 5 * minute),
        )
    assert outbox_send(now=TEN_PAST_TEN.replace(minute=59)).sent == 0  # held until 11:00
    assert outbox_send(now=TEN_PAST_TEN.replace(hour=11, minute=1)).sent == 2
    assert sorted(message.to[0] for message in outbox) == sorted([admin.email, editor.email])
    english = next(message for message in outbox if message.to == [editor.email])
    assert english.subject == "New messages from Awa Diallo: Appui scolaire à Dakar (10)"
    for minute in range(10):
        assert f"Question {minute}" in english.body
    assert outbox_send(now=TEN_PAST_TEN.replace(hour=11, minute=30)).sent == 0


def test_a_message_the_next_hour_makes_another_email(application, admin, editor, outbox):
    volunteer = application.volunteer.user
    _post(application, volunteer, at=TEN_PAST_TEN)
    outbox_send(now=TEN_PAST_TEN.replace(hour=11, minute=1))
    assert len(outbox) == 2
    _post(application, volunteer, body="Encore une question.", at=TEN_PAST_TEN + timedelta(hours=1))
    assert outbox_send(now=TEN_PAST_TEN.replace(hour=12, minute=1)).sent == 2
    assert len(outbox) == 4


def test_each_conversation_has_its_own_email(application, admin, outbox, association):
    other = ApplicationFactory(mission=application.mission)
    _post(application, application.volunteer.user)
    _post(other, other.volunteer.user)
    outbox_send(now=TEN_PAST_TEN.replace(hour=11, minute=1))
    assert [message.to[0] for message in outbox].count(admin.email) == 2


def test_one_message_makes_an_email_with_its_text_and_link_in_the_readers_language(
    application, admin, outbox
):
    _post(application, admin, body="Pouvez-vous venir\nmardi ?")
    outbox_send(now=TEN_PAST_TEN.replace(hour=11, minute=1))
    (email,) = outbox
    assert email.to == [application.volunteer.user.email]
    name = application.mission.association.name
    assert email.subject == f"Message from {name}: “Pouvez-vous venir mardi ?”"
    assert "Pouvez-vous venir\nmardi ?" in email.body
    assert f"/missions/my-applications/{application.pk}/#conversation" in email.body
    html = email.alternatives[0][0]
    assert "Pouvez-vous venir<br>mardi ?" in html


def test_the_email_escapes_the_message_in_html(application, admin, outbox):
    _post(application, admin, body="<script>alert(1)</script>")
    outbox_send(now=TEN_PAST_TEN.replace(hour=11, minute=1))
    html = outbox[0].alternatives[0][0]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html

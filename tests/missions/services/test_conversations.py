"""Posting in an application's conversation (missions/services/conversations.py): who may,
while when, how long a message may be, how many an hour; reading and reporting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from missions.errors import ApplicationError
from missions.models import ApplicationMessage, ConversationRead, MessageReport
from missions.services.conversations import (
    conversation_mark_read,
    message_post,
    message_report,
    message_reports_handle,
)
from notifications.models import Notification
from tests.factories import (
    ApplicationFactory,
    ContractFactory,
    MembershipFactory,
    MissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(association, volunteer):
    return ApplicationFactory(mission=MissionFactory(association=association), volunteer=volunteer)


def _post(application, by, body="Bonjour, êtes-vous disponible en mars ?", **kwargs):
    return message_post(application=application, body=body, by=by, **kwargs)


# --- Who writes -------------------------------------------------------------------------------


def test_the_volunteer_writes_on_the_volunteers_side(application, volunteer):
    message = _post(application, volunteer.user)
    assert (message.side, message.author) == ("volunteer", volunteer.user)


def test_a_member_of_the_staff_writes_on_the_associations_side(application, staff):
    assert _post(application, staff).side == "association"


def test_an_editor_of_the_association_writes_too(application, association):
    editor = MembershipFactory(association=association, role="editor").user
    assert _post(application, editor).side == "association"


@pytest.mark.parametrize("who", ["outsider", "other_staff"])
def test_anyone_else_is_refused(application, who, request):
    with pytest.raises(ApplicationError, match="Seuls le ou la volontaire"):
        _post(application, request.getfixturevalue(who))
    assert not ApplicationMessage.objects.exists()


# --- What and when ----------------------------------------------------------------------------


def test_a_message_of_5000_characters_with_crlf_line_breaks_is_taken(application, staff):
    body = "a" * 2498 + "\r\n" + "b" * 2500  # 5,001 bytes sent, 4,999 characters + 1 break
    message = _post(application, staff, body=body)
    assert len(message.body) == 4999
    assert "\r" not in message.body


def test_a_message_over_5000_characters_is_refused(application, staff):
    with pytest.raises(ApplicationError, match="5\u00a0000"):
        _post(application, staff, body="a" * 5001)


def test_an_empty_message_is_refused(application, staff):
    with pytest.raises(ApplicationError, match="Écrivez votre message"):
        _post(application, staff, body=" \r\n ")


@pytest.mark.parametrize("status", ["submitted", "shortlisted", "accepted"])
def test_an_open_application_takes_messages(association, status, staff):
    application = ApplicationFactory(mission=MissionFactory(association=association), status=status)
    assert _post(application, staff)


@pytest.mark.parametrize("status", ["rejected", "withdrawn"])
def test_a_closed_application_takes_no_message(association, status, staff):
    application = ApplicationFactory(mission=MissionFactory(association=association), status=status)
    with pytest.raises(ApplicationError, match="conversation est conservée"):
        _post(application, staff)


def test_a_running_contract_keeps_the_conversation_open(association, staff):
    contract = ContractFactory(
        application__mission=MissionFactory(association=association), status="active"
    )
    assert _post(contract.application, contract.volunteer.user)


@pytest.mark.parametrize("status", ["completed", "ended_early", "declined"])
def test_an_ended_contract_closes_the_conversation(association, status, staff):
    contract = ContractFactory(
        application__mission=MissionFactory(association=association), status=status
    )
    with pytest.raises(ApplicationError, match="contrat est terminé"):
        _post(contract.application, staff)


def test_30_messages_an_hour_are_taken_and_the_31st_is_refused(application, staff, settings):
    settings.CONVERSATION_MESSAGES_PER_HOUR = 30
    now = timezone.now()
    for minute in range(30):
        _post(application, staff, now=now + timedelta(minutes=minute))
    with pytest.raises(ApplicationError, match="30 messages"):
        _post(application, staff, now=now + timedelta(minutes=40))
    # An hour after the first, the next one goes.
    assert _post(application, staff, now=now + timedelta(minutes=61))


def test_the_limit_is_told_in_english_with_the_wait(application, staff, settings):
    settings.CONVERSATION_MESSAGES_PER_HOUR = 1
    now = timezone.now()
    _post(application, staff, now=now)
    with translation.override("en"), pytest.raises(ApplicationError) as refused:
        _post(application, staff, now=now + timedelta(minutes=20))
    assert str(refused.value.message) == (
        "You sent 1 messages within the last hour, the most there can be. You can send the "
        "next one in 40\xa0minutes."
    )


def test_the_limit_counts_each_person_on_their_own(application, staff, volunteer, settings):
    settings.CONVERSATION_MESSAGES_PER_HOUR = 2
    _post(application, staff)
    _post(application, staff)
    assert _post(application, volunteer.user)


# --- Reading ----------------------------------------------------------------------------------


def test_marking_read_records_the_reader_and_reads_their_message_notifications(
    application, staff, volunteer
):
    _post(application, staff)
    assert Notification.objects.filter(recipient=volunteer.user, read_at__isnull=True).count() == 1
    conversation_mark_read(application=application, by=volunteer.user)
    assert ConversationRead.objects.filter(application=application, user=volunteer.user).exists()
    assert not Notification.objects.filter(recipient=volunteer.user, read_at__isnull=True).exists()


def test_marking_one_conversation_read_leaves_the_others_unread(
    application, association, staff, volunteer
):
    other = ApplicationFactory(mission=MissionFactory(association=association), volunteer=volunteer)
    _post(other, staff)
    _post(application, staff)
    conversation_mark_read(application=application, by=volunteer.user)
    unread = Notification.objects.filter(recipient=volunteer.user, read_at__isnull=True)
    assert [n.link for n in unread] == [f"/missions/my-applications/{other.pk}/#conversation"]


def test_an_outsider_cannot_mark_a_conversation_read(application, outsider):
    with pytest.raises(ApplicationError):
        conversation_mark_read(application=application, by=outsider)


# --- Reporting --------------------------------------------------------------------------------


def test_a_participant_reports_a_message_of_the_other_side(application, staff, volunteer):
    message = _post(application, staff)
    report = message_report(message=message, reason="Propos déplacés.", by=volunteer.user)
    assert (report.reported_by, report.reason, report.handled_at) == (
        volunteer.user,
        "Propos déplacés.",
        None,
    )


def test_a_message_is_reported_once_per_reporter(application, staff, volunteer):
    message = _post(application, staff)
    message_report(message=message, reason="Propos déplacés.", by=volunteer.user)
    with pytest.raises(ApplicationError, match="déjà signalé"):
        message_report(message=message, reason="Encore.", by=volunteer.user)
    assert MessageReport.objects.count() == 1


def test_nobody_reports_their_own_sides_message(application, staff):
    message = _post(application, staff)
    with pytest.raises(ApplicationError, match="autre partie"):
        message_report(message=message, reason="Erreur.", by=staff)


def test_an_outsider_cannot_report_a_message(application, staff, outsider):
    message = _post(application, staff)
    with pytest.raises(ApplicationError):
        message_report(message=message, reason="Spam.", by=outsider)


def test_a_report_needs_a_reason(application, staff, volunteer):
    message = _post(application, staff)
    with pytest.raises(ApplicationError, match="Dites pourquoi"):
        message_report(message=message, reason="  ", by=volunteer.user)


def test_france_volontaires_mark_a_report_handled_once(application, staff, volunteer):
    message = _post(application, staff)
    report = message_report(message=message, reason="Spam.", by=volunteer.user)
    admin = UserFactory(is_staff=True)
    assert message_reports_handle(reports=[report], by=admin) == 1
    assert message_reports_handle(reports=[report], by=admin) == 0
    report.refresh_from_db()
    assert report.handled_by == admin

"""Reads of conversations (missions/selectors/conversations.py): the messages as each side
reads them, and unread counts per person in one query."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from missions.models import Application
from missions.models.conversations import Side
from missions.selectors.conversations import (
    conversation_for,
    unread_counts,
    unread_counts_by_mission,
)
from missions.services.conversations import conversation_mark_read, message_post
from tests.factories import ApplicationFactory, MembershipFactory, MissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mission(association):
    return MissionFactory(association=association)


@pytest.fixture
def application(mission, volunteer):
    return ApplicationFactory(mission=mission, volunteer=volunteer)


def test_messages_read_oldest_first_with_their_authors_for_each_side(application, staff):
    volunteer = application.volunteer.user
    now = timezone.now()
    message_post(application=application, body="Premier.", by=staff, now=now)
    message_post(application=application, body="Second.", by=volunteer, now=now + timedelta(1))
    for_volunteer = conversation_for(application, volunteer)
    assert [line.message.body for line in for_volunteer.lines] == ["Premier.", "Second."]
    assert [line.author for line in for_volunteer.lines] == [
        application.mission.association.name,
        "Vous",
    ]
    assert [line.reportable for line in for_volunteer.lines] == [True, False]
    for_staff = conversation_for(application, staff)
    assert [line.author for line in for_staff.lines] == ["Vous", volunteer.full_name]


def test_a_colleagues_message_reads_with_their_name_and_cannot_be_reported(
    application, staff, association
):
    colleague = MembershipFactory(association=association, user__full_name="Ibrahima Fall").user
    message_post(application=application, body="Bonjour.", by=colleague)
    (line,) = conversation_for(application, staff).lines
    assert (line.author, line.detail, line.reportable) == (
        "Ibrahima Fall",
        association.name,
        False,
    )


def test_no_conversation_for_anyone_else(application, outsider, other_staff):
    assert conversation_for(application, outsider) is None
    assert conversation_for(application, other_staff) is None


def test_unread_counts_the_other_sides_messages_since_the_reader_last_read(
    application, staff, association
):
    volunteer = application.volunteer.user
    colleague = MembershipFactory(association=association).user
    now = timezone.now()
    message_post(application=application, body="1", by=volunteer, now=now)
    message_post(application=application, body="2", by=volunteer, now=now + timedelta(1))
    message_post(application=application, body="3", by=colleague, now=now + timedelta(2))
    assert unread_counts(staff, [application], side=Side.ASSOCIATION) == {application.pk: 2}
    assert unread_counts(volunteer, [application], side=Side.VOLUNTEER) == {application.pk: 1}
    conversation_mark_read(application=application, by=staff, now=now + timedelta(3))
    assert unread_counts(staff, [application], side=Side.ASSOCIATION) == {}
    # Each person reads for themselves: another colleague has not (the one who wrote has).
    other = MembershipFactory(association=association).user
    assert unread_counts(other, [application], side=Side.ASSOCIATION) == {application.pk: 2}
    assert unread_counts(colleague, [application], side=Side.ASSOCIATION) == {}


def test_unread_counts_take_one_query_for_many_applications(
    mission, staff, django_assert_num_queries
):
    applications = ApplicationFactory.create_batch(5, mission=mission)
    for application in applications:
        message_post(application=application, body="Bonjour", by=application.volunteer.user)
    with django_assert_num_queries(1):
        counts = unread_counts(staff, applications, side=Side.ASSOCIATION)
    assert counts == {application.pk: 1 for application in applications}


def test_unread_counts_by_mission_add_up_the_missions_applications(mission, staff):
    for application in ApplicationFactory.create_batch(3, mission=mission):
        message_post(application=application, body="Bonjour", by=application.volunteer.user)
    assert unread_counts_by_mission(staff, [mission.pk]) == {mission.pk: 3}


def test_no_query_without_applications(staff, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert unread_counts(staff, Application.objects.none(), side=Side.ASSOCIATION) == {}

"""Applications still submitted on their 30th day close without an answer, exactly once
(issue 16, "Response commitments"): services/application_expiry.py."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from missions.models import Application, ApplicationEvent
from missions.services.application_expiry import applications_close_unanswered
from missions.services.applications import application_submit
from missions.services.search import missions_reindex
from notifications.models import Notification
from tests.factories import (
    ApplicationFactory,
    AssociationFactory,
    MembershipFactory,
    MissionFactory,
    VolunteerFactory,
)
from vsi_portal.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

SENT = date(2026, 6, 1)
DAY_30 = SENT + timedelta(days=30)  # 1 July 2026: the closing day


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(_at(DAY_30, 7), tick=False):
        yield


def _application(*, sent=SENT, hour=10, status="submitted", language="fr", **mission):
    association = AssociationFactory(name="Terres d'Afrique")
    return ApplicationFactory(
        mission=MissionFactory(association=association, title="Forages au Sahel", **mission),
        volunteer=VolunteerFactory(user__full_name="Awa Diallo", user__preferred_language=language),
        status=status,
        submitted_at=_at(sent, hour),
    )


def _mail_to(user) -> OutboxMessage:
    (message,) = OutboxMessage.objects.filter(to=user.email)
    return message


def test_an_application_sent_30_days_before_closes_without_an_answer():
    application = _application()
    assert applications_close_unanswered(today=DAY_30) == [application.pk]
    application.refresh_from_db()
    assert application.status == Application.Status.EXPIRED
    assert application.decided_at is not None


def test_an_application_on_its_29th_day_stays_submitted():
    application = _application(sent=SENT + timedelta(days=1), hour=0)
    assert applications_close_unanswered(today=DAY_30) == []
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_the_days_count_from_the_day_it_was_sent_whatever_the_hour():
    late = _application(hour=23)  # 23:00 on the 1st: still day 30 on 1 July at 07:00
    assert applications_close_unanswered(today=DAY_30) == [late.pk]


def test_a_missed_day_closes_it_at_the_next_run():
    application = _application(sent=SENT - timedelta(days=3))
    assert applications_close_unanswered(today=DAY_30) == [application.pk]


def test_a_shortlisted_application_never_closes():
    application = _application(sent=SENT - timedelta(days=60), status="shortlisted")
    assert applications_close_unanswered(today=DAY_30) == []
    application.refresh_from_db()
    assert application.status == Application.Status.SHORTLISTED


def test_a_repeated_run_closes_once_and_writes_its_news_once():
    application = _application()
    staff = MembershipFactory(association=application.mission.association).user
    assert applications_close_unanswered(today=DAY_30) == [application.pk]
    assert applications_close_unanswered(today=DAY_30) == []
    assert applications_close_unanswered(today=DAY_30 + timedelta(days=1)) == []
    assert ApplicationEvent.objects.filter(to_status="expired").count() == 1
    assert OutboxMessage.objects.filter(to=application.volunteer.user.email).count() == 1
    assert Notification.objects.filter(recipient=staff).count() == 1


def test_the_move_is_recorded_by_no_one_with_the_no_answer_reason():
    application = _application()
    applications_close_unanswered(today=DAY_30)
    event = application.events.get(to_status="expired")
    assert (event.from_status, event.by, event.reason) == ("submitted", None, "no_answer")


def test_the_volunteer_is_told_in_french():
    application = _application(language="fr")
    applications_close_unanswered(today=DAY_30)
    message = _mail_to(application.volunteer.user)
    assert message.language == "fr"
    # The subject keeps French's no-break space before the colon.
    assert message.subject == "Votre candidature est close sans réponse\u00a0: Forages au Sahel"
    assert "n’a pas répondu à votre candidature" in message.text


def test_the_volunteer_is_told_in_english():
    application = _application(language="en")
    applications_close_unanswered(today=DAY_30)
    message = _mail_to(application.volunteer.user)
    assert message.language == "en"
    assert message.subject == "Your application closed without an answer: Forages au Sahel"
    assert "did not answer your application" in message.text


def test_the_volunteer_is_told_in_app_with_the_similar_missions_they_can_apply_to():
    application = _application(language="en")
    MissionFactory(title="Puits au Niger", domain="teaching", country="NE")
    missions_reindex()
    applications_close_unanswered(today=DAY_30)
    notification = Notification.objects.get(recipient=application.volunteer.user)
    assert notification.title == "Your application closed without an answer: Forages au Sahel"
    assert "– Puits au Niger (Niger)" in notification.body.splitlines()


def test_the_similar_missions_offered_are_only_those_the_volunteer_can_apply_to():
    application = _application(language="en")
    open_to_them = MissionFactory(title="Open to them", domain="teaching", country="SN")
    MissionFactory(title="Too young for it", domain="teaching", country="SN", min_age=40)
    MissionFactory(title="In their own country", domain="teaching", country="FR")
    MissionFactory(
        title="Deadline passed", domain="teaching", application_deadline=DAY_30 - timedelta(1)
    )
    MissionFactory(title="Unrelated", domain="health", country="PE")
    already = MissionFactory(title="Already applied", domain="teaching", country="SN")
    ApplicationFactory(mission=already, volunteer=application.volunteer)
    missions_reindex()
    applications_close_unanswered(today=DAY_30)
    text = _mail_to(application.volunteer.user).text
    assert "Open to them" in text and open_to_them.get_absolute_url() in text
    for title in (
        "Too young",
        "In their own country",
        "Deadline passed",
        "Unrelated",
        "Already applied",
    ):
        assert title not in text


def test_without_a_similar_mission_the_volunteer_is_sent_to_the_missions_they_can_apply_to():
    application = _application(language="en")
    applications_close_unanswered(today=DAY_30)
    text = _mail_to(application.volunteer.user).text
    search = f"{settings.SITE_URL}{reverse('missions:search')}?eligible=1"
    assert f"Find the missions you can apply to: {search}" in text


def test_at_most_three_similar_missions_are_offered():
    application = _application(language="en")
    for index in range(5):
        MissionFactory(title=f"Mission {index}", domain="teaching", country="SN")
    missions_reindex()
    applications_close_unanswered(today=DAY_30)
    text = _mail_to(application.volunteer.user).text
    assert sum(f"Mission {index}" in text for index in range(5)) == 3


def test_the_staff_are_told_in_app_in_their_language_and_not_by_e_mail():
    application = _application()
    association = application.mission.association
    french = MembershipFactory(association=association).user
    english = MembershipFactory(
        association=association, role="editor", user__preferred_language="en"
    ).user
    applications_close_unanswered(today=DAY_30)
    assert Notification.objects.get(recipient=french).title == (
        "Close sans réponse\u00a0: Awa Diallo, Forages au Sahel"
    )
    assert Notification.objects.get(recipient=english).title == (
        "Closed without an answer: Awa Diallo, Forages au Sahel"
    )
    assert not OutboxMessage.objects.filter(to__in=[french.email, english.email]).exists()


def test_the_volunteer_may_apply_again_at_once():
    application = _application(language="en")
    applications_close_unanswered(today=DAY_30)
    mission = application.mission
    mission.application_deadline = DAY_30 + timedelta(days=10)
    mission.save()
    again = application_submit(
        mission=mission,
        volunteer=application.volunteer,
        motivation="Toujours motivée.",
        by=application.volunteer.user,
        today=DAY_30,
    )
    assert again.status == Application.Status.SUBMITTED

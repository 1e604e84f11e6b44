"""The no-answer rule on the pages: the staff read when a submitted application closes, both
sides read that it closed without an answer."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from missions.services.application_expiry import applications_close_unanswered
from tests.factories import ApplicationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 24)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(timezone.make_aware(datetime.combine(TODAY, time(12))), tick=False):
        yield


@pytest.fixture
def application():
    sent = timezone.make_aware(datetime(2026, 6, 1, 10))
    return ApplicationFactory(submitted_at=sent, volunteer__user__preferred_language="en")


def _staff(client, application, language="en"):
    user = MembershipFactory(
        association=application.mission.association, user__preferred_language=language
    ).user
    client.force_login(user)
    return user


def _page(client, application, language="en"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("missions:application_detail", kwargs={"pk": application.pk}))


def test_staff_read_when_a_submitted_application_closes_and_the_days_left(client, application):
    _staff(client, application)
    content = _page(client, application).content.decode()
    assert "Closes on July 1, 2026 if not answered (7 days left)." in content


def test_staff_read_it_in_french(client, application):
    _staff(client, application, language="fr")
    content = _page(client, application, language="fr").content.decode()
    assert "Close le 1er juillet 2026 sans réponse d’ici là (7 jours restants)." in content


def test_a_shortlisted_application_shows_no_closing_day(client, application):
    application.status = "shortlisted"
    application.save()
    _staff(client, application)
    assert 'id="closes-on"' not in _page(client, application).content.decode()


def test_staff_read_that_it_closed_without_an_answer(client, application):
    applications_close_unanswered(today=date(2026, 7, 1))
    _staff(client, application)
    content = _page(client, application).content.decode()
    assert "Closed without an answer" in content
    assert "No answer from the association within 30 days" in content
    assert 'id="closes-on"' not in content


def test_the_volunteer_reads_that_it_closed_without_an_answer(client, application):
    applications_close_unanswered(today=date(2026, 7, 1))
    client.force_login(application.volunteer.user)
    content = client.get(reverse("missions:my_applications")).content.decode()
    assert "Closed: no answer from the association within 30 days." in content
    assert escape("says nothing about you") in content
    assert f"{reverse('missions:search')}?eligible=1" in content


def test_an_outsider_still_gets_404_on_a_closed_application(client, application):
    applications_close_unanswered(today=date(2026, 7, 1))
    client.force_login(UserFactory())
    assert _page(client, application).status_code == 404

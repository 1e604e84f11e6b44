"""France Volontaires read the reported messages in the admin, with their conversation, and
mark them handled."""

from __future__ import annotations

import pytest
from django.urls import reverse

from missions.models import MessageReport
from missions.services.conversations import message_post, message_report
from tests.factories import ApplicationFactory, MissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(association, staff, volunteer):
    application = ApplicationFactory(
        mission=MissionFactory(association=association), volunteer=volunteer
    )
    message_post(application=application, body="Bonjour <b>Awa</b>.", by=volunteer.user)
    message = message_post(application=application, body="Envoyez 100 €.", by=staff)
    return message_report(message=message, reason="Demande d’argent.", by=volunteer.user)


def test_the_admin_lists_the_reports_with_their_association(verified_admin_client, report):
    response = verified_admin_client.get(reverse("admin:missions_messagereport_changelist"))
    body = response.content.decode()
    assert response.status_code == 200
    assert report.message.application.mission.association.name in body
    assert "Demande d’argent." in body


def test_a_report_shows_the_whole_conversation_escaped(verified_admin_client, report):
    url = reverse("admin:missions_messagereport_change", args=[report.pk])
    body = verified_admin_client.get(url).content.decode()
    assert "Bonjour &lt;b&gt;Awa&lt;/b&gt;." in body
    assert "Envoyez 100 €." in body


def test_the_admin_marks_reports_handled(verified_admin_client, report):
    response = verified_admin_client.post(
        reverse("admin:missions_messagereport_changelist"),
        {"action": "mark_handled", "_selected_action": [report.pk]},
    )
    assert response.status_code == 302
    report = MessageReport.objects.get()
    assert report.handled_at is not None
    assert report.handled_by == verified_admin_client.user

"""The conversation on each side's application page (missions/views/conversations.py): who
reads and writes it, what the pages show, reporting a message; anyone else gets 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from missions.models import ApplicationMessage, ConversationRead, MessageReport
from missions.services.conversations import message_post
from notifications.models import Notification
from tests.factories import ApplicationFactory, MissionFactory, VolunteerFactory
from tests.queries import SESSION_READ_QUERIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(association, volunteer):
    volunteer.user.full_name = "Awa Diallo"
    volunteer.user.save(update_fields=["full_name"])
    mission = MissionFactory(association=association, title="Appui scolaire à Dakar")
    return ApplicationFactory(mission=mission, volunteer=volunteer)


@pytest.fixture
def other_volunteer(db):
    return VolunteerFactory().user


def _volunteer_page(application) -> str:
    return reverse("missions:my_application", kwargs={"pk": application.pk})


def _staff_page(application) -> str:
    return reverse("missions:application_detail", kwargs={"pk": application.pk})


def _post_url(application) -> str:
    return reverse("missions:message_post", kwargs={"pk": application.pk})


# --- Who reads ----------------------------------------------------------------------------


def test_the_volunteer_reads_the_conversation_on_their_application_page(client, application, staff):
    message_post(application=application, body="Bonjour Awa,\n<b>bienvenue</b>", by=staff)
    client.force_login(application.volunteer.user)
    body = client.get(_volunteer_page(application)).content.decode()
    assert "Conversation avec l’association" in body
    assert "Bonjour Awa,<br>&lt;b&gt;bienvenue&lt;/b&gt;" in body
    assert application.mission.association.name in body


def test_staff_read_the_conversation_on_the_application_page(client, application, staff):
    message_post(application=application, body="Je suis disponible.", by=application.volunteer.user)
    client.force_login(staff)
    body = client.get(_staff_page(application)).content.decode()
    assert "Conversation avec le ou la volontaire" in body
    assert "Je suis disponible." in body
    assert "<strong>Awa Diallo</strong>" in body


def test_each_side_reads_its_own_messages_as_you(client, application, staff):
    message_post(application=application, body="Bonjour.", by=staff)
    client.force_login(staff)
    assert "<strong>Vous</strong>" in client.get(_staff_page(application)).content.decode()


@pytest.mark.parametrize("who", ["other_volunteer", "other_staff", "outsider", "staff"])
def test_anyone_but_the_volunteer_gets_404_on_the_volunteers_page(
    client, application, who, request
):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_volunteer_page(application)).status_code == 404


def test_anonymous_is_sent_to_log_in(client, application):
    for response in (
        client.get(_volunteer_page(application)),
        client.post(_post_url(application), {"body": "Bonjour"}),
    ):
        assert response.status_code == 302 and "login" in response["Location"]
    assert not ApplicationMessage.objects.exists()


def test_opening_the_page_marks_the_conversation_and_its_notifications_read(
    client, application, staff
):
    message_post(application=application, body="Bonjour.", by=staff)
    user = application.volunteer.user
    client.force_login(user)
    client.get(_volunteer_page(application))
    assert ConversationRead.objects.filter(application=application, user=user).exists()
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()


def test_the_volunteers_page_runs_a_fixed_number_of_queries(
    client, application, staff, django_assert_max_num_queries
):
    for number in range(20):
        message_post(application=application, body=f"Message {number}", by=staff)
    client.force_login(application.volunteer.user)
    with django_assert_max_num_queries(16 + SESSION_READ_QUERIES):
        assert client.get(_volunteer_page(application)).status_code == 200


# --- Writing ------------------------------------------------------------------------------


def test_the_volunteer_writes_and_comes_back_to_the_conversation(client, application):
    client.force_login(application.volunteer.user)
    response = client.post(_post_url(application), {"body": "Une question :\r\nle logement ?"})
    assert response.status_code == 302
    assert response["Location"] == _volunteer_page(application) + "#conversation"
    assert ApplicationMessage.objects.get().body == "Une question :\nle logement ?"
    page = client.get(response["Location"]).content.decode()
    assert "Message envoyé." in page


def test_staff_write_and_come_back_to_their_page(client, application, staff):
    client.force_login(staff)
    response = client.post(_post_url(application), {"body": "Bienvenue."})
    assert response["Location"] == _staff_page(application) + "#conversation"
    assert ApplicationMessage.objects.get().side == "association"


@pytest.mark.parametrize("who", ["other_volunteer", "other_staff", "outsider"])
def test_anyone_else_cannot_write(client, application, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.post(_post_url(application), {"body": "Bonjour"}).status_code == 404
    assert not ApplicationMessage.objects.exists()


def test_writing_is_post_only(client, application):
    client.force_login(application.volunteer.user)
    assert client.get(_post_url(application)).status_code == 405


def test_a_message_too_long_is_kept_in_the_form_with_its_error(client, application):
    client.force_login(application.volunteer.user)
    response = client.post(_post_url(application), {"body": "a" * 5001}, follow=True)
    body = response.content.decode()
    assert "Votre message n’a pas été envoyé" in body
    assert "celui-ci en compte 5\u00a0001" in body
    assert "a" * 5001 in body
    assert not ApplicationMessage.objects.exists()
    # Shown once: the next visit has an empty form.
    assert "a" * 5001 not in client.get(_volunteer_page(application)).content.decode()


def test_a_closed_conversation_shows_why_and_no_form(client, application, staff):
    message_post(application=application, body="Bonjour.", by=staff)
    application.status = "rejected"
    application.save(update_fields=["status"])
    client.force_login(application.volunteer.user)
    body = client.get(_volunteer_page(application)).content.decode()
    assert "la conversation est conservée pour mémoire" in body
    assert 'name="body"' not in body
    response = client.post(_post_url(application), {"body": "Pourquoi ?"}, follow=True)
    assert "la conversation est conservée pour mémoire" in response.content.decode()
    assert ApplicationMessage.objects.count() == 1


# --- Unread counts on the lists -----------------------------------------------------------


def test_my_applications_shows_the_unread_count(client, application, staff):
    message_post(application=application, body="Un.", by=staff)
    message_post(application=application, body="Deux.", by=staff)
    client.force_login(application.volunteer.user)
    body = client.get(reverse("missions:my_applications")).content.decode()
    assert '2<span class="visually-hidden"> messages non lus</span>' in body
    client.get(_volunteer_page(application))
    body = client.get(reverse("missions:my_applications")).content.decode()
    assert "messages non lus" not in body


def test_the_staff_list_shows_the_unread_count(client, application, staff):
    message_post(application=application, body="Bonjour.", by=application.volunteer.user)
    client.force_login(staff)
    url = reverse("missions:applications", kwargs={"pk": application.mission_id})
    body = client.get(url).content.decode()
    assert '1<span class="visually-hidden"> message non lu</span>' in body


def test_the_staffs_missions_show_the_unread_count_on_the_applications_button(
    client, application, staff
):
    message_post(application=application, body="Bonjour.", by=application.volunteer.user)
    client.force_login(staff)
    body = client.get(reverse("missions:manage")).content.decode()
    assert '1<span class="visually-hidden"> message non lu</span>' in body


def test_the_header_badge_counts_the_message(client, application, staff):
    message_post(application=application, body="Bonjour.", by=staff)
    client.force_login(application.volunteer.user)
    body = client.get(reverse("missions:my_applications")).content.decode()
    assert '1<span class="visually-hidden"> non lues</span>' in body


# --- Reporting ----------------------------------------------------------------------------


@pytest.fixture
def staff_message(application, staff):
    return message_post(application=application, body="Envoyez-moi 100 €.", by=staff)


def _report_url(message) -> str:
    return reverse("missions:message_report", kwargs={"pk": message.pk})


def test_the_volunteer_reports_a_message_from_the_page(client, application, staff_message):
    client.force_login(application.volunteer.user)
    page = client.get(_volunteer_page(application)).content.decode()
    assert _report_url(staff_message) in page
    form = client.get(_report_url(staff_message))
    assert "Envoyez-moi 100 €." in form.content.decode()
    response = client.post(_report_url(staff_message), {"reason": "Demande d’argent."})
    assert response["Location"] == _volunteer_page(application) + "#conversation"
    assert MessageReport.objects.get().reason == "Demande d’argent."
    page = client.get(_volunteer_page(application)).content.decode()
    assert "Vous avez signalé ce message." in page
    assert _report_url(staff_message) not in page


def test_a_report_without_a_reason_shows_the_form_again(client, application, staff_message):
    client.force_login(application.volunteer.user)
    assert client.post(_report_url(staff_message), {"reason": ""}).status_code == 400
    assert not MessageReport.objects.exists()


def test_no_report_link_on_ones_own_sides_messages(client, application, staff, staff_message):
    client.force_login(staff)
    assert _report_url(staff_message) not in client.get(_staff_page(application)).content.decode()


@pytest.mark.parametrize("who", ["other_volunteer", "other_staff", "outsider"])
def test_anyone_else_gets_404_on_the_report_page(client, staff_message, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_report_url(staff_message)).status_code == 404
    assert client.post(_report_url(staff_message), {"reason": "x"}).status_code == 404
    assert not MessageReport.objects.exists()


def test_anonymous_is_sent_to_log_in_from_the_report_page(client, staff_message):
    response = client.get(_report_url(staff_message))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_form_reads_in_the_users_language(client, application):
    user = application.volunteer.user
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    client.force_login(user)
    client.cookies["django_language"] = "en"
    body = client.get(_volunteer_page(application), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "At most 5,000 characters. The other side is told at once." in body
    assert "Conversation with the association" in body

"""The staff's application page shows how to reach the candidate: e-mail and phone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import ApplicationFactory, MissionFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(association):
    volunteer = VolunteerFactory(
        user__email="awa.diallo@example.org",
        phone="+221 77 123 45 67",
        countries_of_interest=["JP"],
    )
    return ApplicationFactory(mission=MissionFactory(association=association), volunteer=volunteer)


def _page(client, user, application) -> str:
    client.force_login(user)
    response = client.get(reverse("missions:application_detail", kwargs={"pk": application.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_staff_see_the_candidates_email_as_a_mailto_link(client, staff, application):
    body = _page(client, staff, application)
    assert '<a href="mailto:awa.diallo@example.org">awa.diallo@example.org</a>' in body


def test_staff_see_the_candidates_phone_as_a_tel_link(client, staff, application):
    body = _page(client, staff, application)
    assert '<a href="tel:+221771234567">+221 77 123 45 67</a>' in body


def test_staff_read_that_no_phone_was_given(client, staff, application):
    application.volunteer.phone = ""
    application.volunteer.save(update_fields=["phone"])
    assert "Non renseigné" in _page(client, staff, application)


def test_the_volunteers_other_profile_facts_stay_off_the_page(client, staff, application):
    assert "Japon" not in _page(client, staff, application)


def test_a_member_of_another_association_gets_404(client, other_staff, application):
    client.force_login(other_staff)
    url = reverse("missions:application_detail", kwargs={"pk": application.pk})
    assert client.get(url).status_code == 404

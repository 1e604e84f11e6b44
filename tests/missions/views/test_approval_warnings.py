"""The staff home and the mission list warn of an approval expiring before what it covers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import MissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_staff(staff):
    staff.preferred_language = "en"
    staff.save(update_fields=["preferred_language"])
    return staff


@pytest.fixture
def late_mission(association, today):
    association.approval_expires_on = today + timedelta(days=60)
    association.save()
    return MissionFactory(association=association, start_on=today + timedelta(days=90))


@pytest.mark.parametrize("page", ["associations:staff_home", "missions:manage"])
def test_the_page_names_the_mission_and_says_what_to_do(client, english_staff, late_mission, page):
    client.force_login(english_staff)
    response = client.get(reverse(page))

    body = response.content.decode()
    assert response.status_code == 200
    assert late_mission.title in body
    assert "volunteers no longer find them in the search" in body
    assert "renew your approval" in body


def test_the_warning_is_in_french_for_a_french_page(client, staff, late_mission):
    client.force_login(staff)
    response = client.get(reverse("missions:manage"))

    assert "demandez au ministère le renouvellement" in response.content.decode()


def test_no_warning_when_the_approval_covers_every_mission(
    client, english_staff, association, today
):
    MissionFactory(association=association, start_on=today + timedelta(days=90))
    client.force_login(english_staff)
    response = client.get(reverse("associations:staff_home"))

    assert "What to do:" not in response.content.decode()

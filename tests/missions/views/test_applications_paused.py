"""A mission nobody can apply to says why: its page, its apply page (and the refused
POST), the saved missions; the staff see it flagged on their mission list and form."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from missions.models import Application
from tests.factories import AssociationFactory, MembershipFactory, VolunteerFactory
from tests.missions.factories import IndexedMissionFactory as Mission_
from volunteers.models import SavedMission

pytestmark = pytest.mark.django_db


@pytest.fixture
def late(today):
    """Published, starting in 90 days; its association's approval ends in 60."""
    association = AssociationFactory(approval_expires_on=today + timedelta(days=60))
    return Mission_(association=association, title="Trop tard", start_on=today + timedelta(days=90))


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def _body(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_says_the_approval_ends_before_the_start(english, late):
    body = _body(english.get(late.get_absolute_url()))
    assert "Applications are paused: the association&#x27;s approval ends on" in body
    assert "before the mission starts on" in body


def test_the_page_says_it_in_french(client, late):
    body = _body(client.get(late.get_absolute_url()))
    assert "Candidatures suspendues" in body and "avant le début de la mission" in body


def test_the_page_offers_no_apply_button_to_an_eligible_looking_volunteer(client, late, volunteer):
    client.force_login(volunteer.user)
    response = client.get(late.get_absolute_url())
    assert response.context["is_open"] is False
    assert reverse("missions:apply", kwargs={"slug": late.slug}) not in _body(response)


def test_the_page_says_when_the_deadline_passed(english, today):
    mission = Mission_(application_deadline=today - timedelta(days=1))
    body = _body(english.get(mission.get_absolute_url()))
    assert "Applications are closed: the deadline was" in body


def test_a_mission_closed_once_full_says_its_places_are_filled(english, association, staff):
    mission = Mission_(association=association, places=1, status="closed")
    Application.objects.create(
        mission=mission, volunteer=VolunteerFactory(), motivation="Oui", status="accepted"
    )
    body = _body(english.get(mission.get_absolute_url()))
    assert "every place of this mission is filled" in body


def test_an_open_mission_s_page_has_no_pause_banner(english):
    mission = Mission_()
    assert 'id="applications-paused"' not in _body(english.get(mission.get_absolute_url()))


def test_the_apply_page_says_why_and_shows_no_form(client, late, volunteer):
    client.force_login(volunteer.user)
    response = client.get(reverse("missions:apply", kwargs={"slug": late.slug}))
    assert response.context["state"] == "closed"
    assert "Candidatures suspendues" in response.context["problem"]


def test_applying_is_refused_with_the_same_reason(client, late, volunteer):
    client.force_login(volunteer.user)
    response = client.post(
        reverse("missions:apply", kwargs={"slug": late.slug}), {"motivation": "Je veux aider."}
    )
    assert response.status_code == 400
    assert "Candidatures suspendues" in response.content.decode()
    assert not Application.objects.exists()


def test_a_saved_mission_says_it_is_not_open(client, late, volunteer):
    SavedMission.objects.create(volunteer=volunteer, mission=late)
    client.force_login(volunteer.user)
    body = _body(client.get(reverse("missions:saved")))
    assert "Fermée aux candidatures" in body


# --- The staff ------------------------------------------------------------------------------


@pytest.fixture
def late_staff(late):
    user = MembershipFactory(association=late.association).user
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return user


def test_the_mission_list_flags_it_with_the_reason(client, late, late_staff):
    client.force_login(late_staff)
    body = _body(client.get(reverse("missions:manage")))
    assert (
        "Not open to applications: the association&#x27;s approval ends before the mission starts"
        in body
    )


def test_the_mission_list_flags_no_open_mission(client, association, staff):
    Mission_(association=association)
    client.force_login(staff)
    assert "mission-paused" not in _body(client.get(reverse("missions:manage")))


def test_the_form_warns_above_it_with_what_to_do(client, late, late_staff, today):
    client.force_login(late_staff)
    body = _body(client.get(reverse("missions:edit", kwargs={"pk": late.pk})))
    assert 'id="mission-paused"' in body
    assert body.index('id="mission-paused"') < body.index('<form method="post" novalidate')
    assert "renew your approval" in body and "Or move its start to" in body


def test_the_form_of_an_open_mission_has_no_warning(client, association, staff):
    mission = Mission_(association=association)
    client.force_login(staff)
    body = _body(client.get(reverse("missions:edit", kwargs={"pk": mission.pk})))
    assert 'id="mission-paused"' not in body


def test_the_staff_home_names_the_mission_out_of_the_search(client, late, late_staff):
    client.force_login(late_staff)
    body = _body(client.get(reverse("associations:staff_home")))
    assert late.title in body and "volunteers no longer find them in the search" in body


def test_other_staff_and_outsiders_see_no_flag_of_another_association_s_mission(
    client, late, other_staff, outsider
):
    for user in (other_staff, outsider):
        client.force_login(user)
        assert late.title not in _body(client.get(reverse("missions:manage")))
        assert late.title not in _body(client.get(reverse("associations:staff_home")))
        assert client.get(reverse("missions:edit", kwargs={"pk": late.pk})).status_code == 404

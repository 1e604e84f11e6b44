from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory, VolunteerFactory
from volunteers import services
from volunteers.errors import VolunteerError
from volunteers.models import PriorMission

from .factories import PriorMissionFactory, count_queries

pytestmark = pytest.mark.django_db

LIST = reverse("volunteers:prior_missions")


def _edit(prior):
    return reverse("volunteers:prior_mission_edit", args=[prior.pk])


def _delete(prior):
    return reverse("volunteers:prior_mission_delete", args=[prior.pk])


DATA = {
    "association_name": "Agir ensemble",
    "country": "BF",
    "start_on": "2018-01-01",
    "end_on": "2018-12-31",
}


def test_list_sends_anonymous_to_login(client):
    assert reverse("account_login") in client.get(LIST)["Location"]


def test_adding_a_mission_creates_the_profile_if_needed(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(LIST, DATA)
    assert response.status_code == 302
    prior = PriorMission.objects.get()
    assert prior.volunteer.user == user
    assert prior.country.code == "BF"


def test_mission_ending_before_it_starts_is_refused_on_end_field(client):
    client.force_login(VolunteerFactory().user)
    response = client.post(LIST, {**DATA, "end_on": "2017-12-31"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["end_on"]
    assert not PriorMission.objects.exists()


def test_mission_starting_in_the_future_is_refused_on_start_field(client):
    client.force_login(VolunteerFactory().user)
    future = (date.today() + timedelta(days=10)).isoformat()
    response = client.post(LIST, {**DATA, "start_on": future, "end_on": future})
    assert list(response.context["form"].errors) == ["start_on"]


def test_mission_without_association_is_refused(client):
    client.force_login(VolunteerFactory().user)
    response = client.post(LIST, {**DATA, "association_name": ""})
    assert list(response.context["form"].errors) == ["association_name"]


def test_overlapping_missions_are_accepted_with_a_warning(client):
    volunteer = VolunteerFactory()
    PriorMissionFactory(volunteer=volunteer, start_on=date(2018, 6, 1), end_on=date(2019, 5, 31))
    client.force_login(volunteer.user)
    response = client.post(LIST, DATA, follow=True)
    page = response.content.decode()
    assert PriorMission.objects.filter(volunteer=volunteer).count() == 2
    assert "partagent des jours" in page
    assert "chevauche une autre mission" in page


def test_owner_edits_a_mission(client):
    prior = PriorMissionFactory()
    client.force_login(prior.volunteer.user)
    response = client.post(_edit(prior), {**DATA, "association_name": "Nouveau nom"})
    assert response.status_code == 302
    prior.refresh_from_db()
    assert prior.association_name == "Nouveau nom"


def test_owner_deletes_a_mission(client):
    prior = PriorMissionFactory()
    client.force_login(prior.volunteer.user)
    assert client.post(_delete(prior)).status_code == 302
    assert not PriorMission.objects.exists()


def test_delete_asks_first_on_get_and_removes_nothing(client):
    prior = PriorMissionFactory(association_name="Amis du Sahel")
    client.force_login(prior.volunteer.user)
    client.cookies["django_language"] = "en"
    response = client.get(_delete(prior))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Remove your mission with Amis du Sahel?" in body
    assert f'<form method="post" action="{_delete(prior)}"' in body
    assert PriorMission.objects.filter(pk=prior.pk).exists()


def test_asking_to_delete_someone_elses_mission_is_404(client):
    prior = PriorMissionFactory()
    client.force_login(PriorMissionFactory().volunteer.user)
    assert client.get(_delete(prior)).status_code == 404


@pytest.mark.parametrize("who", ["volunteer", "staff"])
def test_outsider_gets_404_on_edit_and_delete(client, who):
    prior = PriorMissionFactory()
    outsider = VolunteerFactory().user if who == "volunteer" else MembershipFactory().user
    client.force_login(outsider)
    assert client.get(_edit(prior)).status_code == 404
    assert client.post(_edit(prior), DATA).status_code == 404
    assert client.post(_delete(prior)).status_code == 404
    assert PriorMission.objects.filter(pk=prior.pk).exists()


def test_anonymous_cannot_edit_or_delete(client):
    prior = PriorMissionFactory()
    assert client.get(_edit(prior)).status_code == 302
    assert client.post(_delete(prior)).status_code == 302
    assert PriorMission.objects.filter(pk=prior.pk).exists()


def test_list_shows_only_the_persons_missions(client):
    PriorMissionFactory(association_name="Pas la mienne")
    mine = PriorMissionFactory(association_name="La mienne")
    client.force_login(mine.volunteer.user)
    page = client.get(LIST).content.decode()
    assert "La mienne" in page
    assert "Pas la mienne" not in page


def _volunteer_with_missions(rows: int):
    volunteer = VolunteerFactory()
    for index in range(rows):
        start = date(1990, 1, 1) + timedelta(days=20 * index)
        PriorMissionFactory(volunteer=volunteer, start_on=start, end_on=start + timedelta(days=10))
    return volunteer


def test_list_query_count_is_the_same_for_1_and_50_rows(client):
    counts = []
    for rows in (1, 50):
        client.force_login(_volunteer_with_missions(rows).user)
        counts.append(count_queries(client, LIST))
    # volunteer, its prior missions and languages (prefetched), nothing per row
    assert counts[0] == counts[1]
    assert counts[0][1] == 3


@pytest.mark.parametrize("rows", [1, 50])
def test_list_query_count_is_pinned(client, django_assert_max_num_queries, rows):
    client.force_login(_volunteer_with_missions(rows).user)
    # session, user, 3 of ours, and at most 4 for the shared header
    with django_assert_max_num_queries(9):
        assert client.get(LIST).status_code == 200


def test_service_refuses_end_before_start():
    with pytest.raises(VolunteerError):
        services.prior_mission_create(
            volunteer=VolunteerFactory(),
            association_name="A",
            country="BF",
            start_on=date(2018, 1, 2),
            end_on=date(2018, 1, 1),
        )

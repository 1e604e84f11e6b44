"""The staff's mission pages (missions/views/staff.py): list, create, edit, publish, close,
duplicate; who may; the list's query budget."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from missions.models import Mission
from tests.factories import (
    AssociationFactory,
    MembershipFactory,
    VolunteerFactory,
)
from tests.missions.engagement import form_data
from tests.missions.factories import IndexedMissionFactory as Mission_
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

SEARCH_BUDGET = 8
# Similar missions come in up to 3 small queries (same domain and country, domain, country).
PAGE_BUDGET = 12


# --- Staff space ----------------------------------------------------------------------------


def test_manage_lists_only_my_associations_missions(client, association, staff):
    Mission_(association=association, title="La nôtre")
    Mission_(title="Une autre")
    client.force_login(staff)
    body = client.get(reverse("missions:manage")).content.decode()
    assert "La nôtre" in body and "Une autre" not in body


def test_manage_requires_login(client):
    assert client.get(reverse("missions:manage")).status_code == 302


def test_staff_creates_a_draft_from_the_form(client, association, staff, mission_data):
    client.force_login(staff)
    assert client.get(reverse("missions:create")).status_code == 200
    response = client.post(
        reverse("missions:create"),
        form_data(mission_data, association=association.pk, languages=["fr"]),
    )
    mission = Mission.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("missions:preview", kwargs={"pk": mission.pk})
    assert mission.is_draft and mission.association == association


def test_form_shows_the_rule_error_on_its_field(client, association, staff, mission_data):
    client.force_login(staff)
    response = client.post(
        reverse("missions:create"),
        form_data(mission_data, association=association.pk, country="DE", allowance_eur=20),
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"country", "allowance_eur"}
    assert not Mission.objects.exists()


def test_create_offers_only_my_approved_associations(client, staff, mission_data):
    pending = AssociationFactory(status="pending")
    MembershipFactory(user=staff, association=pending)
    client.force_login(staff)
    response = client.post(
        reverse("missions:create"), form_data(mission_data, association=pending.pk)
    )
    assert "association" in response.context["form"].errors


def test_create_is_404_for_someone_without_an_approved_association(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("missions:create")).status_code == 404


def test_staff_edits_their_mission(client, association, staff, mission_data):
    mission = Mission_(association=association, status="draft")
    client.force_login(staff)
    response = client.post(
        reverse("missions:edit", kwargs={"pk": mission.pk}),
        form_data(mission_data, title="Nouveau titre"),
    )
    assert response.status_code == 302
    mission.refresh_from_db()
    assert mission.title == "Nouveau titre" and mission.slug.startswith("mission-")


@pytest.mark.parametrize("name", ["edit", "preview"])
def test_other_staff_volunteers_and_outsiders_get_404_on_staff_pages(
    client, association, other_staff, outsider, name
):
    mission = Mission_(association=association, status="draft")
    url = reverse(f"missions:{name}", kwargs={"pk": mission.pk})
    for user in (other_staff, outsider, VolunteerFactory().user):
        client.force_login(user)
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("name", ["publish", "close", "duplicate"])
def test_other_staff_get_404_on_staff_actions(client, association, other_staff, outsider, name):
    mission = Mission_(association=association)
    url = reverse(f"missions:{name}", kwargs={"pk": mission.pk})
    for user in (other_staff, outsider):
        client.force_login(user)
        assert client.post(url).status_code == 404
    assert Mission.objects.count() == 1
    mission.refresh_from_db()
    assert mission.is_published


@pytest.mark.parametrize("name", ["edit", "preview", "publish", "close", "duplicate"])
def test_anonymous_is_sent_to_log_in_on_staff_pages(client, name):
    mission = Mission_(status="draft")
    url = reverse(f"missions:{name}", kwargs={"pk": mission.pk})
    response = client.post(url) if name in {"publish", "close", "duplicate"} else client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_staff_actions_are_post_only(client, association, staff):
    mission = Mission_(association=association, status="draft")
    client.force_login(staff)
    assert client.get(reverse("missions:publish", kwargs={"pk": mission.pk})).status_code == 405


def test_staff_publishes_and_finds_the_mission_in_the_search(client, association, staff):
    mission = Mission_(association=association, status="draft", title="Hydraulique villageoise")
    client.force_login(staff)
    response = client.post(reverse("missions:publish", kwargs={"pk": mission.pk}))
    assert response.status_code == 302
    search = client.get(reverse("missions:search"), {"q": "hydraulique"})
    assert [m.pk for m in search.context["page"].object_list] == [mission.pk]


def test_publish_with_problems_goes_back_to_the_form_with_messages(
    client, association, staff, today
):
    mission = Mission_(
        association=association, status="draft", application_deadline=today - timedelta(days=2)
    )
    client.force_login(staff)
    response = client.post(reverse("missions:publish", kwargs={"pk": mission.pk}), follow=True)
    mission.refresh_from_db()
    assert mission.is_draft
    assert response.redirect_chain[-1][0] == reverse("missions:edit", kwargs={"pk": mission.pk})
    assert len(list(response.context["messages"])) >= 2


def test_staff_closes_and_duplicates(client, association, staff):
    mission = Mission_(association=association)
    client.force_login(staff)
    client.post(reverse("missions:close", kwargs={"pk": mission.pk}))
    mission.refresh_from_db()
    assert mission.is_closed
    response = client.post(reverse("missions:duplicate", kwargs={"pk": mission.pk}))
    copy = Mission.objects.exclude(pk=mission.pk).get()
    assert copy.is_draft
    assert response.url == reverse("missions:edit", kwargs={"pk": copy.pk})


def test_editing_a_closed_mission_redirects_with_a_message(client, association, staff):
    mission = Mission_(association=association, status="closed")
    client.force_login(staff)
    response = client.get(reverse("missions:edit", kwargs={"pk": mission.pk}))
    assert response.status_code == 302


def test_manage_page_runs_the_same_queries_for_1_and_50_missions(
    client, django_assert_num_queries, association, staff
):
    Mission_(association=association)
    client.force_login(staff)
    queries = count_queries(client, reverse("missions:manage"))
    Mission_.create_batch(49, association=association)
    with django_assert_num_queries(queries):
        client.get(reverse("missions:manage"))


def test_anonymous_is_sent_to_log_in_on_create(client):
    response = client.get(reverse("missions:create"))
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_volunteer_gets_404_on_create(client, volunteer):
    client.force_login(volunteer.user)
    assert client.get(reverse("missions:create")).status_code == 404


def test_staff_cannot_create_for_another_association(
    client, association, other_staff, mission_data
):
    client.force_login(other_staff)
    response = client.post(
        reverse("missions:create"), form_data(mission_data, association=association.pk)
    )
    assert response.status_code == 200
    assert "association" in response.context["form"].errors
    assert not Mission.objects.exists()


def test_editing_a_published_mission_keeps_it_published(client, association, staff, mission_data):
    mission = Mission_(association=association)
    client.force_login(staff)
    response = client.post(
        reverse("missions:edit", kwargs={"pk": mission.pk}),
        form_data(mission_data, title="Titre corrigé", places=4),
    )
    assert response.status_code == 302
    mission.refresh_from_db()
    assert mission.is_published and mission.places == 4 and "titre corrige" in mission.search_text


def test_the_form_explains_the_descriptions_formatting(client, association, staff):
    client.force_login(staff)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("missions:create")).content.decode()
    assert "a link as [words](https://…)" in body

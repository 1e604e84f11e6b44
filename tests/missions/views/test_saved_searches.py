"""The saved searches' pages: saving the search shown, the list, renaming, the alert,
deleting; anyone else gets a 404."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from missions.models import SavedSearch
from tests.factories import MissionFactory, VolunteerFactory
from tests.missions.alerts import NOW, saved_search
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

SAVE = reverse("missions:search_save")
LIST = reverse("missions:saved_searches")


@pytest.fixture(autouse=True)
def _morning():
    with time_machine.travel(NOW, tick=False):
        yield


def _update_url(search):
    return reverse("missions:saved_search_update", kwargs={"pk": search.pk})


def _delete_url(search):
    return reverse("missions:saved_search_delete", kwargs={"pk": search.pk})


def test_the_search_page_offers_to_save_the_search_to_a_signed_in_person(client, volunteer):
    client.force_login(volunteer.user)
    response = client.get(reverse("missions:search"), {"country": "SN"})
    html = response.content.decode()
    assert f'action="{SAVE}"' in html
    assert 'name="query" value="country=SN"' in html


def test_a_visitor_is_not_offered_to_save(client, db):
    MissionFactory()
    assert f'action="{SAVE}"' not in client.get(reverse("missions:search")).content.decode()


def test_saving_keeps_the_normalised_search_and_goes_back_to_it(client, volunteer):
    client.force_login(volunteer.user)
    response = client.post(
        SAVE,
        {
            "name": "  Santé   au Sénégal ",
            "frequency": "daily",
            "query": "domain=health&country=SN&page=3&utm=x",
            "eligible": "True",
        },
    )
    search = SavedSearch.objects.get()
    assert search.name == "Santé au Sénégal"
    assert search.query == "country=SN&domain=health&eligible=1"
    assert search.frequency == "daily"
    assert search.volunteer == volunteer
    assert response.status_code == 302
    assert (
        response["Location"] == reverse("missions:search") + "?country=SN&domain=health&eligible=1"
    )


def test_saving_creates_the_profile_of_a_person_without_one(client, outsider):
    client.force_login(outsider)
    client.post(SAVE, {"name": "Tout", "frequency": "weekly", "query": ""})
    assert SavedSearch.objects.get().volunteer.user == outsider


def test_saving_without_a_name_saves_nothing_and_says_why(client, volunteer):
    client.force_login(volunteer.user)
    response = client.post(
        SAVE, {"name": "", "frequency": "weekly", "query": "country=SN"}, follow=True
    )
    assert SavedSearch.objects.count() == 0
    assert (
        "Give the search a name" in response.content.decode() or "nom" in response.content.decode()
    )


def test_a_name_already_taken_is_refused(client, volunteer):
    saved_search(volunteer, "country=SN", name="Sénégal")
    client.force_login(volunteer.user)
    client.post(SAVE, {"name": "Sénégal", "frequency": "weekly", "query": "country=MA"})
    assert SavedSearch.objects.count() == 1


def test_saving_asks_to_sign_in(client, db):
    response = client.post(SAVE, {"name": "x", "frequency": "weekly", "query": ""})
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert SavedSearch.objects.count() == 0


def test_saving_is_post_only(client, volunteer):
    client.force_login(volunteer.user)
    assert client.get(SAVE).status_code == 405


def test_the_list_shows_each_search_with_a_link_to_it(client, volunteer):
    search = saved_search(volunteer, "country=SN", name="Sénégal")
    saved_search(VolunteerFactory(), "country=MA", name="Maroc d'un autre")
    client.force_login(volunteer.user)
    html = client.get(LIST).content.decode()
    assert "Sénégal" in html
    assert "Maroc d&#x27;un autre" not in html
    assert f'href="{search.get_absolute_url().replace("&", "&amp;")}"' in html


def test_the_list_asks_a_visitor_to_sign_in(client, db):
    assert client.get(LIST).status_code == 302


def test_the_owner_renames_and_sets_the_alert(client, volunteer):
    search = saved_search(volunteer, "country=SN", name="Ancien", frequency="weekly")
    client.force_login(volunteer.user)
    prefix = f"s{search.pk}"
    response = client.post(
        _update_url(search), {f"{prefix}-name": "Nouveau", f"{prefix}-frequency": "none"}
    )
    assert response.status_code == 302
    search.refresh_from_db()
    assert (search.name, search.frequency) == ("Nouveau", "none")


def test_turning_an_alert_back_on_starts_from_now(client, volunteer):
    search = saved_search(volunteer, "country=SN", frequency="none")
    before = search.alerts_since
    client.force_login(volunteer.user)
    prefix = f"s{search.pk}"
    client.post(
        _update_url(search), {f"{prefix}-name": search.name, f"{prefix}-frequency": "daily"}
    )
    search.refresh_from_db()
    assert search.alerts_since == NOW > before


def test_the_owner_deletes_after_confirming(client, volunteer):
    search = saved_search(volunteer, "country=SN", name="À supprimer")
    client.force_login(volunteer.user)
    page = client.get(_delete_url(search))
    assert page.status_code == 200 and "À supprimer" in page.content.decode()
    assert SavedSearch.objects.count() == 1  # a GET only asks
    assert client.post(_delete_url(search)).status_code == 302
    assert SavedSearch.objects.count() == 0


@pytest.mark.parametrize("method", ["get_delete", "post_delete", "post_update"])
def test_another_person_s_saved_search_is_a_404(client, volunteer, outsider, method):
    search = saved_search(volunteer, "country=SN", name="À moi")
    other = VolunteerFactory()
    client.force_login(other.user)
    if method == "get_delete":
        response = client.get(_delete_url(search))
    elif method == "post_delete":
        response = client.post(_delete_url(search))
    else:
        prefix = f"s{search.pk}"
        response = client.post(
            _update_url(search), {f"{prefix}-name": "Volé", f"{prefix}-frequency": "none"}
        )
    assert response.status_code == 404
    search.refresh_from_db()
    assert (search.name, search.frequency) == ("À moi", "daily")


def test_a_staff_member_gets_a_404_too(client, volunteer, staff):
    search = saved_search(volunteer, "country=SN")
    client.force_login(staff)
    assert client.post(_delete_url(search)).status_code == 404
    assert SavedSearch.objects.count() == 1


def test_the_list_s_queries_do_not_grow_with_the_searches(client, volunteer):
    saved_search(volunteer, "country=SN")
    client.force_login(volunteer.user)
    one = count_queries(client, LIST)
    for n in range(10):
        saved_search(volunteer, f"country=MA&allowance_min={n}")
    assert count_queries(client, LIST) == one

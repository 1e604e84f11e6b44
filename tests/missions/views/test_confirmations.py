"""Irreversible staff actions ask first (vsi_portal/confirmation.py): GET shows the question
with the POST form, which works without JavaScript; POST acts. Deleting a draft."""

from __future__ import annotations

import pytest
from django.urls import reverse

from missions.models import Mission
from tests.factories import ApplicationFactory, ContractFactory, VolunteerFactory
from tests.missions.factories import IndexedMissionFactory as Mission_

pytestmark = pytest.mark.django_db


def _url(name: str, mission: Mission) -> str:
    return reverse(f"missions:{name}", kwargs={"pk": mission.pk})


def _form_posting_to(body: str, url: str) -> bool:
    return f'<form method="post" action="{url}"' in body


# --- The confirmation page, without JavaScript ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "status", "question"),
    [
        ("publish", "draft", "Publish the mission “Forages”?"),
        ("close", "published", "Close the mission “Forages”?"),
        ("delete", "draft", "Delete the draft “Forages”?"),
    ],
)
def test_get_asks_the_question_with_the_form_that_acts(
    client, association, staff, name, status, question
):
    mission = Mission_(association=association, status=status, title="Forages")
    client.force_login(staff)
    client.cookies["django_language"] = "en"
    response = client.get(_url(name, mission))
    body = response.content.decode()
    assert response.status_code == 200
    assert question in body
    assert _form_posting_to(body, _url(name, mission))
    assert f'href="{reverse("missions:manage")}"' in body  # the way back
    mission.refresh_from_db()
    assert mission.status == status  # asking changed nothing


def test_the_question_is_asked_in_french_with_french_typography(client, association, staff):
    mission = Mission_(association=association, status="draft", title="Forages")
    client.force_login(staff)
    body = client.get(_url("publish", mission)).content.decode()
    assert "Publier la mission «\u00a0Forages\u00a0»\u00a0?" in body


def test_posting_the_confirmation_page_publishes(client, association, staff):
    mission = Mission_(association=association, status="draft")
    client.force_login(staff)
    response = client.post(_url("publish", mission))
    assert response.status_code == 302
    mission.refresh_from_db()
    assert mission.is_published


def test_posting_the_confirmation_page_closes(client, association, staff):
    mission = Mission_(association=association, status="published")
    client.force_login(staff)
    client.post(_url("close", mission))
    mission.refresh_from_db()
    assert mission.is_closed


# --- The list: links to the questions, and their dialogs ---------------------------------------


def test_the_list_links_each_action_to_its_question_and_holds_its_dialog(
    client, association, staff
):
    draft = Mission_(association=association, status="draft", title="Brouillon")
    client.force_login(staff)
    body = client.get(reverse("missions:manage")).content.decode()
    for name in ("publish", "delete"):
        url = _url(name, draft)
        assert f'href="{url}" data-confirm-dialog=' in body
        assert _form_posting_to(body, url)  # inside the <dialog>
    assert body.count("<dialog ") == 2
    assert "js/confirm-dialog.js" in body


def test_a_published_mission_offers_close_and_no_delete(client, association, staff):
    mission = Mission_(association=association, status="published")
    client.force_login(staff)
    body = client.get(reverse("missions:manage")).content.decode()
    assert f'href="{_url("close", mission)}"' in body
    assert _url("delete", mission) not in body


# --- Deleting a draft --------------------------------------------------------------------------


def test_staff_delete_a_draft_and_are_told(client, association, staff):
    mission = Mission_(association=association, status="draft", title="Forages")
    client.force_login(staff)
    client.cookies["django_language"] = "en"
    response = client.post(_url("delete", mission), follow=True)
    assert not Mission.objects.filter(pk=mission.pk).exists()
    assert response.redirect_chain[-1][0] == reverse("missions:manage")
    assert "Draft “Forages” deleted." in response.content.decode()


@pytest.mark.parametrize("status", ["published", "closed"])
def test_deleting_a_mission_that_is_not_a_draft_is_refused(client, association, staff, status):
    mission = Mission_(association=association, status=status)
    client.force_login(staff)
    client.cookies["django_language"] = "en"
    response = client.post(_url("delete", mission), follow=True)
    assert Mission.objects.filter(pk=mission.pk).exists()
    assert "Only a draft can be deleted" in response.content.decode()


def test_asking_to_delete_a_published_mission_goes_back_with_the_reason(client, association, staff):
    mission = Mission_(association=association, status="published")
    client.force_login(staff)
    response = client.get(_url("delete", mission))
    assert response.status_code == 302 and response.url == reverse("missions:manage")


def test_outsiders_get_404_and_the_draft_stays(client, association, other_staff, outsider):
    mission = Mission_(association=association, status="draft")
    for user in (other_staff, outsider, VolunteerFactory().user):
        client.force_login(user)
        assert client.post(_url("delete", mission)).status_code == 404
    assert Mission.objects.filter(pk=mission.pk).exists()


# --- Accepting an application, activating a contract -----------------------------------------


def test_asking_to_accept_shows_the_question_and_accepts_nothing(client, association, staff):
    application = ApplicationFactory(mission__association=association)
    url = reverse("missions:application_accept", kwargs={"pk": application.pk})
    client.force_login(staff)
    client.cookies["django_language"] = "en"
    body = client.get(url).content.decode()
    assert "Accept this application?" in body and _form_posting_to(body, url)
    application.refresh_from_db()
    assert application.status == "submitted"


def test_the_application_page_links_accept_to_its_question(client, association, staff):
    application = ApplicationFactory(mission__association=association)
    url = reverse("missions:application_accept", kwargs={"pk": application.pk})
    client.force_login(staff)
    detail = reverse("missions:application_detail", kwargs={"pk": application.pk})
    body = client.get(detail).content.decode()
    assert f'href="{url}" data-confirm-dialog=' in body


def test_asking_to_activate_shows_the_question_and_changes_nothing(client, association, staff):
    contract = ContractFactory(application__mission__association=association)
    url = reverse("missions:contract_activate", kwargs={"pk": contract.pk})
    client.force_login(staff)
    client.cookies["django_language"] = "en"
    body = client.get(url).content.decode()
    assert "Mark the contract as under way?" in body and _form_posting_to(body, url)
    contract.refresh_from_db()
    assert contract.status == "planned"


def test_outsiders_get_404_on_the_questions(client, association, other_staff, outsider):
    application = ApplicationFactory(mission__association=association)
    contract = ContractFactory(application__mission__association=association)
    urls = (
        reverse("missions:application_accept", kwargs={"pk": application.pk}),
        reverse("missions:contract_activate", kwargs={"pk": contract.pk}),
    )
    for user in (other_staff, outsider):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, url

"""Application pages: applying, my applications, the staff's list and detail, and who sees what."""

from __future__ import annotations

import pytest
from django.urls import reverse

from missions.models import Application
from tests.factories import (
    ApplicationFactory,
    ContractFactory,
    MembershipFactory,
    MissionFactory,
    VolunteerFactory,
)
from tests.missions.engagement import upload_document
from tests.queries import SESSION_READ_QUERIES

pytestmark = pytest.mark.django_db

# Each list counts its unread messages in one query (selectors/conversations.unread_counts).
MY_APPLICATIONS_QUERIES = 5 + SESSION_READ_QUERIES
STAFF_LIST_QUERIES = 6 + SESSION_READ_QUERIES


@pytest.fixture
def mission(association):
    return MissionFactory(association=association, places=2)


def _login(client, user):
    client.force_login(user)
    return client


# --- Applying -------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in_before_applying(client, mission):
    url = reverse("missions:apply", kwargs={"slug": mission.slug})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_eligible_volunteer_sees_the_form_with_the_mission_summary(client, mission, volunteer):
    response = _login(client, volunteer.user).get(
        reverse("missions:apply", kwargs={"slug": mission.slug})
    )
    assert response.status_code == 200
    assert response.context["state"] == "form"
    body = response.content.decode()
    assert mission.summary in body and 'name="motivation"' in body


def test_the_mission_page_links_to_the_application_form(client, mission, volunteer):
    response = _login(client, volunteer.user).get(mission.get_absolute_url())
    assert reverse("missions:apply", kwargs={"slug": mission.slug}) in response.content.decode()


def test_applying_creates_the_application_and_leads_to_my_applications(client, mission, volunteer):
    response = _login(client, volunteer.user).post(
        reverse("missions:apply", kwargs={"slug": mission.slug}),
        {"motivation": "J'ai enseigné deux ans au Togo."},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("missions:my_applications")
    application = Application.objects.get()
    assert (application.volunteer, application.mission) == (volunteer, mission)


def test_an_empty_motivation_is_a_form_error_and_nothing_is_written(client, mission, volunteer):
    response = _login(client, volunteer.user).post(
        reverse("missions:apply", kwargs={"slug": mission.slug}), {"motivation": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Application.objects.exists()


def test_an_ineligible_volunteer_sees_every_reason_and_no_form(client, mission):
    volunteer = VolunteerFactory(nationalities=["SN"], residence="SN")
    url = reverse("missions:apply", kwargs={"slug": mission.slug})
    response = _login(client, volunteer.user).get(url)
    assert response.context["state"] == "ineligible"
    assert len(response.context["reason_texts"]) == 2
    assert 'name="motivation"' not in response.content.decode()
    response = client.post(url, {"motivation": "Quand même."})
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_a_person_without_a_profile_is_sent_to_complete_it(client, mission, outsider):
    response = _login(client, outsider).get(
        reverse("missions:apply", kwargs={"slug": mission.slug})
    )
    assert response.context["state"] == "incomplete"
    assert reverse("volunteers:profile") in response.content.decode()


def test_an_incomplete_profile_is_sent_to_complete_it(client, mission):
    volunteer = VolunteerFactory(residence="")
    response = _login(client, volunteer.user).get(
        reverse("missions:apply", kwargs={"slug": mission.slug})
    )
    assert response.context["state"] == "incomplete"
    assert response.context["missing_facts"]


def test_a_closed_mission_shows_why_and_no_form(client, association, volunteer):
    mission = MissionFactory(association=association, status="closed")
    response = _login(client, volunteer.user).get(
        reverse("missions:apply", kwargs={"slug": mission.slug})
    )
    assert response.context["state"] == "closed"
    assert 'name="motivation"' not in response.content.decode()


def test_a_draft_mission_has_no_application_page(client, association, volunteer):
    mission = MissionFactory(association=association, status="draft")
    response = _login(client, volunteer.user).get(
        reverse("missions:apply", kwargs={"slug": mission.slug})
    )
    assert response.status_code == 404


def test_applying_twice_leads_to_the_existing_application(client, mission, volunteer):
    ApplicationFactory(mission=mission, volunteer=volunteer)
    response = _login(client, volunteer.user).get(
        reverse("missions:apply", kwargs={"slug": mission.slug})
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("missions:my_applications")


# --- My applications ------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in_for_my_applications(client):
    response = client.get(reverse("missions:my_applications"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_my_applications_lists_only_mine_with_history_and_contract(client, mission, volunteer):
    mine = ApplicationFactory(mission=mission, volunteer=volunteer, status="accepted")
    contract = ContractFactory(application=mine)
    ApplicationFactory(mission=mission)  # someone else's
    response = _login(client, volunteer.user).get(reverse("missions:my_applications"))
    assert [a.pk for a in response.context["applications"]] == [mine.pk]
    assert reverse("missions:my_contract", kwargs={"pk": contract.pk}) in response.content.decode()


def test_a_contract_being_prepared_is_announced_without_a_link(client, mission, volunteer):
    mine = ApplicationFactory(mission=mission, volunteer=volunteer, status="accepted")
    draft = ContractFactory(application=mine, status="draft", signed_at=None)
    client.force_login(volunteer.user)
    body = client.get(reverse("missions:my_applications")).content.decode()
    assert reverse("missions:my_contract", kwargs={"pk": draft.pk}) not in body
    assert "L’association prépare votre contrat." in body


def test_an_open_application_offers_the_withdraw_form(client, mission, volunteer):
    application = ApplicationFactory(mission=mission, volunteer=volunteer)
    body = _login(client, volunteer.user).get(reverse("missions:my_applications")).content.decode()
    assert reverse("missions:application_withdraw", kwargs={"pk": application.pk}) in body


def _volunteer_with_applications(count: int):
    volunteer = VolunteerFactory()
    for application in ApplicationFactory.create_batch(count, volunteer=volunteer):
        application.events.create(to_status="submitted", by=volunteer.user)
    return volunteer


@pytest.mark.parametrize("count", [1, 50])
def test_my_applications_runs_the_same_queries_for_1_and_50(
    client, django_assert_num_queries, count
):
    volunteer = _volunteer_with_applications(count)
    client.force_login(volunteer.user)
    with django_assert_num_queries(MY_APPLICATIONS_QUERIES):
        response = client.get(reverse("missions:my_applications"))
    assert len(response.context["applications"]) == count


def test_the_owner_withdraws_with_a_coded_reason(client, mission, volunteer):
    application = ApplicationFactory(mission=mission, volunteer=volunteer)
    response = _login(client, volunteer.user).post(
        reverse("missions:application_withdraw", kwargs={"pk": application.pk}),
        {"reason": "dates", "message": ""},
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).status == "withdrawn"


def test_a_withdrawal_without_a_reason_changes_nothing(client, mission, volunteer):
    application = ApplicationFactory(mission=mission, volunteer=volunteer)
    _login(client, volunteer.user).post(
        reverse("missions:application_withdraw", kwargs={"pk": application.pk}), {"reason": ""}
    )
    assert Application.objects.get(pk=application.pk).status == "submitted"


@pytest.mark.parametrize("who", ["outsider", "other_volunteer", "staff", "other_staff"])
def test_only_the_owner_can_withdraw(client, mission, volunteer, staff, other_staff, outsider, who):
    application = ApplicationFactory(mission=mission, volunteer=volunteer)
    user = {
        "outsider": outsider,
        "other_volunteer": VolunteerFactory().user,
        "staff": staff,
        "other_staff": other_staff,
    }[who]
    response = _login(client, user).post(
        reverse("missions:application_withdraw", kwargs={"pk": application.pk}),
        {"reason": "dates"},
    )
    assert response.status_code == 404
    assert Application.objects.get(pk=application.pk).status == "submitted"


def test_withdrawing_is_post_only(client, mission, volunteer):
    application = ApplicationFactory(mission=mission, volunteer=volunteer)
    response = _login(client, volunteer.user).get(
        reverse("missions:application_withdraw", kwargs={"pk": application.pk})
    )
    assert response.status_code == 405


# --- The staff's list -----------------------------------------------------------------------


def test_staff_see_a_missions_applications_with_counts_and_a_filter(client, mission, staff):
    ApplicationFactory.create_batch(2, mission=mission)
    shortlisted = ApplicationFactory(mission=mission, status="shortlisted")
    url = reverse("missions:applications", kwargs={"pk": mission.pk})
    response = _login(client, staff).get(url)
    assert response.context["total"] == 3
    counts = {value: count for value, _label, count in response.context["counts"]}
    assert counts["submitted"] == 2 and counts["shortlisted"] == 1
    response = client.get(url, {"status": "shortlisted"})
    assert [a.pk for a in response.context["applications"]] == [shortlisted.pk]
    response = client.get(url, {"status": "nonsense"})
    assert len(response.context["applications"]) == 3


def test_the_manage_page_links_to_the_applications(client, mission, staff):
    body = _login(client, staff).get(reverse("missions:manage")).content.decode()
    assert reverse("missions:applications", kwargs={"pk": mission.pk}) in body


@pytest.mark.parametrize("count", [1, 50])
def test_the_staff_list_runs_the_same_queries_for_1_and_50(
    client, mission, staff, django_assert_num_queries, count
):
    ApplicationFactory.create_batch(count, mission=mission)
    client.force_login(staff)
    with django_assert_num_queries(STAFF_LIST_QUERIES):
        response = client.get(reverse("missions:applications", kwargs={"pk": mission.pk}))
    assert len(response.context["applications"]) == count


def test_anonymous_is_sent_to_log_in_for_the_staff_pages(client, mission):
    application = ApplicationFactory(mission=mission)
    for url in (
        reverse("missions:applications", kwargs={"pk": mission.pk}),
        reverse("missions:application_detail", kwargs={"pk": application.pk}),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("who", ["other_staff", "volunteer", "outsider"])
def test_outsiders_get_404_on_the_staff_pages(
    client, mission, volunteer, other_staff, outsider, who
):
    application = ApplicationFactory(mission=mission, volunteer=volunteer)
    user = {"other_staff": other_staff, "volunteer": volunteer.user, "outsider": outsider}[who]
    client.force_login(user)
    for url in (
        reverse("missions:applications", kwargs={"pk": mission.pk}),
        reverse("missions:application_detail", kwargs={"pk": application.pk}),
    ):
        assert client.get(url).status_code == 404
    for name in ("application_shortlist", "application_accept"):
        response = client.post(reverse(f"missions:{name}", kwargs={"pk": application.pk}))
        assert response.status_code == 404
    response = client.post(
        reverse("missions:application_reject", kwargs={"pk": application.pk}),
        {"reason": "other"},
    )
    assert response.status_code == 404
    assert Application.objects.get(pk=application.pk).status == "submitted"


# --- The staff's application page -----------------------------------------------------------


def test_staff_see_the_profile_the_verdict_and_the_cv(client, mission, staff, volunteer):
    application = ApplicationFactory(mission=mission, volunteer=volunteer)
    cv = upload_document(volunteer, kind="cv")
    upload_document(volunteer, kind="criminal_record")
    response = _login(client, staff).get(
        reverse("missions:application_detail", kwargs={"pk": application.pk})
    )
    body = response.content.decode()
    assert response.context["verdict"].eligible
    assert reverse("volunteers:document_download", kwargs={"pk": cv.pk}) in body
    assert "criminal_record" not in body  # never before a contract
    assert (
        client.get(reverse("volunteers:document_download", kwargs={"pk": cv.pk})).status_code == 200
    )


def test_the_verdict_is_rerun_today(client, mission, staff, volunteer):
    application = ApplicationFactory(mission=mission, volunteer=volunteer)
    volunteer.other_activity = True
    volunteer.save()
    response = _login(client, staff).get(
        reverse("missions:application_detail", kwargs={"pk": application.pk})
    )
    assert not response.context["verdict"].eligible
    assert len(response.context["reason_texts"]) == 1


def test_staff_shortlist_accept_and_reject_from_the_page(client, mission, staff):
    first, second = ApplicationFactory.create_batch(2, mission=mission)
    client.force_login(staff)
    client.post(reverse("missions:application_shortlist", kwargs={"pk": first.pk}))
    assert Application.objects.get(pk=first.pk).status == "shortlisted"
    client.post(reverse("missions:application_accept", kwargs={"pk": first.pk}))
    assert Application.objects.get(pk=first.pk).status == "accepted"
    response = client.post(
        reverse("missions:application_reject", kwargs={"pk": second.pk}),
        {"reason": "profile", "message": "Merci."},
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=second.pk).status == "rejected"


def test_a_refusal_without_a_reason_shows_the_form_error(client, mission, staff):
    application = ApplicationFactory(mission=mission)
    response = _login(client, staff).post(
        reverse("missions:application_reject", kwargs={"pk": application.pk}), {"reason": ""}
    )
    assert response.status_code == 200
    assert response.context["reject_form"].errors
    assert Application.objects.get(pk=application.pk).status == "submitted"


def test_accepting_beyond_the_places_flashes_the_refusal(client, association, staff):
    mission = MissionFactory(association=association, places=1, status="closed")
    ApplicationFactory(mission=mission, status="accepted")
    waiting = ApplicationFactory(mission=mission)
    response = _login(client, staff).post(
        reverse("missions:application_accept", kwargs={"pk": waiting.pk}), follow=True
    )
    assert any("filled" in str(m) or "pourvue" in str(m) for m in response.context["messages"])
    assert Application.objects.get(pk=waiting.pk).status == "submitted"


def test_an_editor_of_the_association_is_staff_too(client, mission):
    application = ApplicationFactory(mission=mission)
    editor = MembershipFactory(association=mission.association, role="editor").user
    response = _login(client, editor).get(
        reverse("missions:application_detail", kwargs={"pk": application.pk})
    )
    assert response.status_code == 200

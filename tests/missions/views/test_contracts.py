"""Contract pages: signing, the staff's contract page and its forms, the volunteer's page,
and who sees what (the end and the certificate: test_contract_ends.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from missions.models import Contract
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

CONTRACTS_LIST_QUERIES = 3 + SESSION_READ_QUERIES


@pytest.fixture
def contract(association):
    return ContractFactory(application__mission__association=association)


def _login(client, user):
    client.force_login(user)
    return client


def _date(day) -> str:
    return day.isoformat()


# --- Signing --------------------------------------------------------------------------------


def test_the_contract_form_starts_from_the_missions_facts(client, association, staff):
    application = ApplicationFactory(mission__association=association, status="accepted")
    response = _login(client, staff).get(
        reverse("missions:contract_create", kwargs={"pk": application.pk})
    )
    assert response.status_code == 200
    assert response.context["form"].initial["allowance_eur"] == application.mission.allowance_eur


def test_staff_sign_the_contract_from_an_accepted_application(client, association, staff):
    application = ApplicationFactory(mission__association=association, status="accepted")
    mission = application.mission
    response = _login(client, staff).post(
        reverse("missions:contract_create", kwargs={"pk": application.pk}),
        {
            "start_on": _date(mission.start_on),
            "end_on": _date(mission.end_on),
            "allowance_eur": mission.allowance_eur,
        },
    )
    contract = Contract.objects.get()
    assert response["Location"] == reverse("missions:contract_detail", kwargs={"pk": contract.pk})


def test_an_ineligible_contract_shows_every_reason_and_is_not_written(client, association, staff):
    application = ApplicationFactory(mission__association=association, status="accepted")
    mission = application.mission
    response = _login(client, staff).post(
        reverse("missions:contract_create", kwargs={"pk": application.pk}),
        {
            "start_on": _date(mission.start_on),
            "end_on": _date(mission.start_on + timedelta(days=3 * 365)),
            "allowance_eur": 100,
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors  # the allowance, on its field
    assert not Contract.objects.exists()


def test_the_rules_refusal_lists_its_reasons(client, association, staff):
    application = ApplicationFactory(mission__association=association, status="accepted")
    mission = application.mission
    response = _login(client, staff).post(
        reverse("missions:contract_create", kwargs={"pk": application.pk}),
        {
            "start_on": _date(mission.start_on),
            "end_on": _date(mission.start_on + timedelta(days=3 * 365)),
            "allowance_eur": 600,
        },
    )
    assert response.status_code == 400
    assert len(response.context["reasons"]) == 1


def test_a_signed_application_leads_to_its_contract(client, contract, staff):
    response = _login(client, staff).get(
        reverse("missions:contract_create", kwargs={"pk": contract.application_id})
    )
    assert response["Location"] == reverse("missions:contract_detail", kwargs={"pk": contract.pk})


@pytest.mark.parametrize("who", ["other_staff", "volunteer", "outsider"])
def test_outsiders_cannot_sign(client, association, other_staff, outsider, who):
    application = ApplicationFactory(mission__association=association, status="accepted")
    user = {
        "other_staff": other_staff,
        "volunteer": application.volunteer.user,
        "outsider": outsider,
    }[who]
    url = reverse("missions:contract_create", kwargs={"pk": application.pk})
    assert _login(client, user).get(url).status_code == 404
    assert client.post(url, {"allowance_eur": 600}).status_code == 404
    assert not Contract.objects.exists()


# --- The staff's contract page --------------------------------------------------------------


def test_staff_see_the_checklist_and_may_give_notice(client, contract, staff):
    response = _login(client, staff).get(
        reverse("missions:contract_detail", kwargs={"pk": contract.pk})
    )
    assert response.status_code == 200
    assert len(response.context["missing"]) == 4
    assert response.context["end"].can_give_notice


def test_staff_can_download_the_extract_to_check_it(client, contract, staff):
    document = upload_document(contract.volunteer)
    body = (
        _login(client, staff)
        .get(reverse("missions:contract_detail", kwargs={"pk": contract.pk}))
        .content.decode()
    )
    url = reverse("volunteers:document_download", kwargs={"pk": document.pk})
    assert url in body
    assert client.get(url).status_code == 200


def test_the_checklist_form_saves_and_shows_field_errors(client, contract, staff):
    url = reverse("missions:contract_prerequisites", kwargs={"pk": contract.pk})
    client = _login(client, staff)
    response = client.post(
        url,
        {
            "social_security_affiliated_on": _date(contract.start_on + timedelta(days=1)),
            "insurance_reference": "X",
            "training_completed_on": "",
        },
    )
    assert response.status_code == 400
    assert "social_security_affiliated_on" in response.context["prerequisites_form"].errors
    assert Contract.objects.get(pk=contract.pk).insurance_reference == ""
    response = client.post(
        url,
        {
            "social_security_affiliated_on": _date(contract.start_on),
            "insurance_reference": "X-1",
            "training_completed_on": _date(timezone.localdate()),
        },
    )
    assert response.status_code == 302
    assert Contract.objects.get(pk=contract.pk).insurance_reference == "X-1"


def test_the_criminal_record_form_records_the_check(client, contract, staff):
    extract = upload_document(contract.volunteer)
    _login(client, staff).post(
        reverse("missions:contract_criminal_record", kwargs={"pk": contract.pk}),
        {"outcome": "clear", "extract_uploaded_at": extract.uploaded_at.isoformat()},
    )
    assert Contract.objects.get(pk=contract.pk).criminal_record_outcome == "clear"


def test_a_check_posted_without_the_extract_it_was_read_from_records_nothing(
    client, contract, staff
):
    upload_document(contract.volunteer)
    response = _login(client, staff).post(
        reverse("missions:contract_criminal_record", kwargs={"pk": contract.pk}),
        {"outcome": "clear"},
    )
    assert response.status_code == 400
    assert Contract.objects.get(pk=contract.pk).criminal_record_outcome == ""


def test_activation_before_the_start_is_refused_with_a_message(client, contract, staff):
    response = _login(client, staff).post(
        reverse("missions:contract_activate", kwargs={"pk": contract.pk}), follow=True
    )
    assert list(response.context["messages"])
    assert Contract.objects.get(pk=contract.pk).status == "planned"


# Notice, completion and certificate pages: test_contract_ends.py.


def test_anonymous_is_sent_to_log_in_for_contract_pages(client, contract):
    for url in (
        reverse("missions:contracts"),
        reverse("missions:contract_detail", kwargs={"pk": contract.pk}),
        reverse("missions:my_contract", kwargs={"pk": contract.pk}),
        reverse("missions:contract_certificate", kwargs={"pk": contract.pk}),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("who", ["other_staff", "volunteer", "outsider"])
def test_outsiders_get_404_on_the_staff_contract_pages(
    client, contract, other_staff, outsider, who
):
    user = {"other_staff": other_staff, "volunteer": contract.volunteer.user, "outsider": outsider}[
        who
    ]
    client.force_login(user)
    assert (
        client.get(reverse("missions:contract_detail", kwargs={"pk": contract.pk})).status_code
        == 404
    )
    for name in (
        "contract_prerequisites",
        "contract_criminal_record",
        "contract_activate",
    ):
        response = client.post(reverse(f"missions:{name}", kwargs={"pk": contract.pk}), {})
        assert response.status_code == 404, name


def test_the_contracts_list_shows_only_my_associations(client, contract, staff):
    ContractFactory()  # another association's
    response = _login(client, staff).get(reverse("missions:contracts"))
    assert [c.pk for c in response.context["contracts"]] == [contract.pk]


@pytest.mark.parametrize("count", [1, 50])
def test_the_contracts_list_runs_the_same_queries_for_1_and_50(
    client, association, staff, django_assert_num_queries, count
):
    mission = MissionFactory(association=association, places=50)
    for _ in range(count):
        ContractFactory(application__mission=mission)
    client.force_login(staff)
    with django_assert_num_queries(CONTRACTS_LIST_QUERIES):
        response = client.get(reverse("missions:contracts"))
    assert len(response.context["contracts"]) == count


# --- The volunteer's contract page and the certificate --------------------------------------


def test_the_volunteer_sees_their_contract_with_leave_and_pension_quarters(client, contract):
    response = _login(client, contract.volunteer.user).get(
        reverse("missions:my_contract", kwargs={"pk": contract.pk})
    )
    assert response.status_code == 200
    assert response.context["leave_days"] == 24
    assert sum(q for _year, q in response.context["pension_quarters"]) == 4


@pytest.mark.parametrize("who", ["staff", "other_staff", "other_volunteer", "outsider"])
def test_only_the_volunteer_opens_their_contract_page(
    client, contract, staff, other_staff, outsider, who
):
    user = {
        "staff": staff,
        "other_staff": other_staff,
        "other_volunteer": VolunteerFactory().user,
        "outsider": outsider,
    }[who]
    response = _login(client, user).get(reverse("missions:my_contract", kwargs={"pk": contract.pk}))
    assert response.status_code == 404


def test_no_certificate_before_it_is_issued(client, contract):
    response = _login(client, contract.volunteer.user).get(
        reverse("missions:contract_certificate", kwargs={"pk": contract.pk})
    )
    assert response.status_code == 404


def test_staff_page_shows_the_planned_length_apart_from_the_days_served(client, staff):
    today = timezone.localdate()
    running = ContractFactory(
        application__mission__association=MembershipFactory(user=staff).association,
        start_on=today - timedelta(days=9),
        end_on=today - timedelta(days=9) + timedelta(days=364),
        status="active",
    )
    response = _login(client, staff).get(
        reverse("missions:contract_detail", kwargs={"pk": running.pk})
    )
    assert (response.context["planned_days"], response.context["served_so_far"]) == (365, 10)

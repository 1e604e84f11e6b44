"""The signing pages: staff prepare, offer, take back, sign and amend; the volunteer reads
the offer, signs it with their name and "I accept", or declines it, and gives their dates.
Outsiders get 404 on every one of them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from missions.models import Contract
from missions.services.contract_amendments import contract_amend
from tests.factories import ApplicationFactory, MembershipFactory, MissionFactory, VolunteerFactory
from tests.missions.engagement import offer, sign_both_sides, volunteer_signs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def application(association, volunteer):
    volunteer.user.preferred_language = "en"
    volunteer.user.save()
    mission = MissionFactory(association=association, allowance_eur=600)
    return ApplicationFactory(mission=mission, volunteer=volunteer, status="accepted")


@pytest.fixture
def offered(application, staff):
    return offer(application, staff)


def _url(name, contract):
    return reverse(f"missions:{name}", kwargs={"pk": contract.pk})


def _english_client(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


# --- Staff ----------------------------------------------------------------------------------


def test_preparing_makes_a_draft_and_the_page_offers_it(client, application, staff):
    _english_client(client, staff)
    response = client.post(
        reverse("missions:contract_create", kwargs={"pk": application.pk}),
        {
            "start_on": application.mission.start_on.isoformat(),
            "end_on": application.mission.end_on.isoformat(),
            "allowance_eur": 600,
        },
        follow=True,
    )
    contract = Contract.objects.get(application=application)
    assert contract.status == "draft"
    assert "Offer it to the volunteer" in response.content.decode()


def test_staff_offer_then_take_the_offer_back(client, application, staff):
    _english_client(client, staff)
    contract = offer(application, staff)
    client.post(_url("contract_withdraw_offer", contract))
    contract.refresh_from_db()
    assert contract.status == "draft"
    client.post(_url("contract_offer", contract))
    contract.refresh_from_db()
    assert contract.status == "offered"


def test_the_staff_sign_page_shows_the_terms_and_signs_with_name_role_and_consent(
    client, offered, staff
):
    volunteer_signs(offered)
    _english_client(client, staff)
    page = client.get(_url("contract_sign", offered)).content.decode()
    assert "What you sign" in page and "€600" in page
    refused = client.post(
        _url("contract_sign", offered), {"full_name": staff.full_name, "role": "Présidente"}
    )
    assert refused.status_code == 400
    offered.refresh_from_db()
    assert offered.status == "volunteer_signed"
    client.post(
        _url("contract_sign", offered),
        {"full_name": staff.full_name, "role": "Présidente", "accept": "on"},
    )
    offered.refresh_from_db()
    assert offered.status == "planned"


def test_a_wrong_name_on_the_staff_sign_page_is_said(client, offered, staff):
    volunteer_signs(offered)
    _english_client(client, staff)
    response = client.post(
        _url("contract_sign", offered), {"full_name": "Nobody", "role": "P", "accept": "on"}
    )
    assert response.status_code == 400
    assert "is not the full name of your account" in response.content.decode()


def test_staff_prepare_an_amendment_and_see_every_version(client, application, staff):
    contract = sign_both_sides(application, staff)
    _english_client(client, staff)
    assert client.get(_url("contract_amend", contract)).status_code == 200
    client.post(
        _url("contract_amend", contract),
        {
            "start_on": contract.start_on.isoformat(),
            "end_on": (contract.end_on - timedelta(days=30)).isoformat(),
            "allowance_eur": 650,
            "changes": "Fin avancée.",
        },
    )
    page = client.get(_url("contract_detail", contract)).content.decode()
    assert "Version 2" in page and "Version 1" in page
    assert "Withdraw the amendment" in page
    client.post(_url("contract_amendment_withdraw", contract))
    assert contract.versions.get(number=2).status == "withdrawn"


def _pending_amendment(application, staff):
    contract = sign_both_sides(application, staff)
    contract_amend(
        contract=contract,
        by=staff,
        end_on=contract.end_on - timedelta(days=30),
        allowance_eur=650,
        changes="Fin avancée.",
    )
    return contract


def test_withdrawing_an_amendment_is_confirmed_on_a_page_first(client, application, staff):
    contract = _pending_amendment(application, staff)
    _english_client(client, staff)
    detail = client.get(_url("contract_detail", contract)).content.decode()
    assert f'href="{_url("contract_amendment_withdraw", contract)}"' in detail
    page = client.get(_url("contract_amendment_withdraw", contract))
    assert page.status_code == 200
    assert "This cannot be undone" in page.content.decode()
    assert contract.versions.get(number=2).status == "draft"


def test_the_amendment_withdrawal_page_without_an_amendment_returns_to_the_contract(
    client, application, staff
):
    contract = sign_both_sides(application, staff)
    _english_client(client, staff)
    response = client.get(_url("contract_amendment_withdraw", contract), follow=True)
    assert response.redirect_chain[-1][0] == _url("contract_detail", contract)
    assert "There is no amendment in progress to withdraw." in response.content.decode()


def test_staff_edit_a_draft(client, application, staff):
    contract = offer(application, staff)
    _english_client(client, staff)
    client.post(_url("contract_withdraw_offer", contract))
    response = client.post(
        _url("contract_edit", contract),
        {
            "start_on": contract.start_on.isoformat(),
            "end_on": (contract.end_on - timedelta(days=10)).isoformat(),
            "allowance_eur": 620,
        },
    )
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.allowance_eur == 620


STAFF_VIEWS = [
    ("contract_edit", "get"),
    ("contract_offer", "post"),
    ("contract_withdraw_offer", "post"),
    ("contract_sign", "get"),
    ("contract_sign", "post"),
    ("contract_amend", "get"),
    ("contract_amendment_withdraw", "get"),
    ("contract_amendment_withdraw", "post"),
]


@pytest.mark.parametrize(("name", "method"), STAFF_VIEWS)
@pytest.mark.parametrize("who", ["volunteer", "editor", "other_admin"])
def test_outsiders_get_404_on_the_staff_signing_views(client, offered, name, method, who):
    user = {
        "volunteer": offered.volunteer.user,
        "editor": MembershipFactory(association=offered.association, role="editor").user,
        "other_admin": MembershipFactory().user,
    }[who]
    client.force_login(user)
    assert getattr(client, method)(_url(name, offered)).status_code == 404
    offered.refresh_from_db()
    assert offered.status == "offered"


# --- The volunteer --------------------------------------------------------------------------


def test_the_volunteers_page_shows_the_offer_and_the_to_do_list(client, offered, volunteer):
    _english_client(client, volunteer.user)
    page = client.get(_url("my_contract", offered)).content.decode()
    assert "A contract to sign" in page
    assert "My to-do list" in page and "Upload your criminal record extract" in page
    assert _url("my_contract_sign", offered) in page


def test_the_volunteer_signs_with_their_name_and_consent(client, offered, volunteer):
    _english_client(client, volunteer.user)
    page = client.get(_url("my_contract_sign", offered)).content.decode()
    assert "What you sign" in page and "I have read the contract and accept it" in page
    response = client.post(
        _url("my_contract_sign", offered),
        {"full_name": volunteer.user.full_name.upper(), "accept": "on"},
        REMOTE_ADDR="192.0.2.9",
    )
    assert response.status_code == 302
    offered.refresh_from_db()
    assert offered.status == "volunteer_signed"


def test_a_signature_without_consent_or_with_another_name_is_refused(client, offered, volunteer):
    _english_client(client, volunteer.user)
    url = _url("my_contract_sign", offered)
    assert client.post(url, {"full_name": volunteer.user.full_name}).status_code == 400
    response = client.post(url, {"full_name": "Someone Else", "accept": "on"})
    assert response.status_code == 400
    assert "is not the full name of your account" in response.content.decode()
    offered.refresh_from_db()
    assert offered.status == "offered"


def test_the_volunteer_declines_with_a_reason(client, offered, volunteer):
    _english_client(client, volunteer.user)
    assert client.get(_url("my_contract_decline", offered)).status_code == 200
    assert client.post(_url("my_contract_decline", offered), {"reason": ""}).status_code == 400
    client.post(_url("my_contract_decline", offered), {"reason": "dates", "note": "Désolée."})
    offered.refresh_from_db()
    assert offered.status == "declined"


def test_the_volunteers_page_offers_to_take_back_their_signature(client, offered, volunteer):
    volunteer_signs(offered)
    _english_client(client, volunteer.user)
    page = client.get(_url("my_contract", offered)).content.decode()
    assert "Withdraw my signature and decline" in page
    assert f'href="{_url("my_contract_decline", offered)}"' in page


def test_the_volunteer_takes_back_their_signature_after_a_confirmation_page(
    client, offered, volunteer
):
    volunteer_signs(offered)
    _english_client(client, volunteer.user)
    page = client.get(_url("my_contract_decline", offered))
    assert page.status_code == 200
    assert "the association has not signed it yet" in page.content.decode()
    client.post(_url("my_contract_decline", offered), {"reason": "dates"})
    offered.refresh_from_db()
    assert offered.status == "declined"


def test_the_volunteer_gives_their_dates(client, application, staff, volunteer):
    contract = sign_both_sides(application, staff)
    _english_client(client, volunteer.user)
    response = client.post(
        _url("my_contract_departure", contract),
        {"social_security_affiliated_on": contract.start_on.isoformat()},
    )
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.social_security_affiliated_on == contract.start_on


def test_a_draft_is_not_shown_to_the_volunteer(client, application, staff, volunteer):
    contract = offer(application, staff)
    client.force_login(staff)
    client.post(_url("contract_withdraw_offer", contract))
    client.force_login(volunteer.user)
    assert client.get(_url("my_contract", contract)).status_code == 404


VOLUNTEER_VIEWS = [
    ("my_contract", "get"),
    ("my_contract_sign", "get"),
    ("my_contract_sign", "post"),
    ("my_contract_decline", "get"),
    ("my_contract_decline", "post"),
    ("my_contract_departure", "post"),
]


@pytest.mark.parametrize(("name", "method"), VOLUNTEER_VIEWS)
@pytest.mark.parametrize("who", ["other_volunteer", "staff"])
def test_outsiders_get_404_on_the_volunteers_signing_views(
    client, offered, staff, name, method, who
):
    user = {"other_volunteer": VolunteerFactory().user, "staff": staff}[who]
    client.force_login(user)
    assert getattr(client, method)(_url(name, offered)).status_code == 404
    offered.refresh_from_db()
    assert offered.status == "offered"


@pytest.mark.parametrize(("name", "method"), [*STAFF_VIEWS, *VOLUNTEER_VIEWS])
def test_anonymous_visitors_are_sent_to_log_in(client, offered, name, method):
    response = getattr(client, method)(_url(name, offered))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]

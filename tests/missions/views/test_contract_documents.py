"""Downloading the contract document: staff and the volunteer, any version they may read,
in French or English, with the headers of a private download; a 404 for anyone else."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from missions.models import ContractVersion
from tests.factories import ContractFactory, MembershipFactory, VolunteerFactory
from tests.missions.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(association):
    volunteer = VolunteerFactory(user__full_name="Léa Martin", user__preferred_language="fr")
    return ContractFactory(
        application__mission__association=association,
        application__volunteer=volunteer,
        start_on=date(2031, 9, 1),
        end_on=date(2032, 8, 31),
    )


@pytest.fixture
def offer(association):
    """A contract offered to its volunteer, not yet signed."""
    return ContractFactory(application__mission__association=association, status="offered")


def _staff_url(contract, number=1, lang=None) -> str:
    url = reverse("missions:contract_document", kwargs={"pk": contract.pk, "number": number})
    return f"{url}?lang={lang}" if lang else url


def _owner_url(contract, number=1, lang=None) -> str:
    url = reverse("missions:my_contract_document", kwargs={"pk": contract.pk, "number": number})
    return f"{url}?lang={lang}" if lang else url


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


def _amendment(contract, status=ContractVersion.Status.OFFERED, **fields) -> ContractVersion:
    return ContractVersion.objects.create(
        contract=contract,
        number=2,
        status=status,
        start_on=contract.start_on,
        end_on=contract.end_on,
        allowance_eur=contract.allowance_eur,
        changes="Indemnité revalorisée.",
        **fields,
    )


def test_staff_download_the_contract_in_french_by_default(client, contract, staff):
    response = _get(client, staff, _staff_url(contract))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="contrat-vsi-lea-martin-v1.pdf"'
    assert "Contrat de volontariat de solidarité internationale" in pdf_text(response.content)


def test_the_download_carries_the_private_headers(client, contract, staff):
    response = _get(client, staff, _staff_url(contract))
    assert response["Cache-Control"] == "no-store, private"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_staff_may_ask_for_the_english_version(client, contract, staff):
    response = _get(client, staff, _staff_url(contract, lang="en"))
    assert (
        response["Content-Disposition"] == 'attachment; filename="contract-vsi-lea-martin-v1.pdf"'
    )
    assert response["Content-Language"] == "en"
    assert "International Solidarity Volunteering contract" in pdf_text(response.content)


def test_an_unknown_language_gives_the_default_one(client, contract, staff):
    response = _get(client, staff, _staff_url(contract, lang="de"))
    assert response["Content-Language"] == "fr"


def test_an_editor_downloads_the_contract_too(client, contract, association):
    editor = MembershipFactory(association=association, role="editor").user
    assert _get(client, editor, _staff_url(contract)).status_code == 200


def test_staff_download_a_draft_marked_as_such(client, contract, staff):
    _amendment(contract, status=ContractVersion.Status.DRAFT)
    response = _get(client, staff, _staff_url(contract, number=2))
    assert response.status_code == 200
    assert "Projet – non signé" in pdf_text(response.content)


def test_the_volunteer_downloads_in_their_own_language(client, contract):
    user = contract.volunteer.user
    user.preferred_language = "en"
    user.save()
    response = _get(client, user, _owner_url(contract))
    assert response["Content-Language"] == "en"
    assert "contract-vsi-lea-martin-v1.pdf" in response["Content-Disposition"]
    assert "International Solidarity Volunteering contract" in pdf_text(response.content)


def test_the_volunteer_may_ask_for_the_french_legal_text(client, contract):
    user = contract.volunteer.user
    user.preferred_language = "en"
    user.save()
    response = _get(client, user, _owner_url(contract, lang="fr"))
    assert "Contrat de volontariat de solidarité internationale" in pdf_text(response.content)


def test_the_volunteer_reads_the_offer_before_signing(client, offer):
    response = _get(client, offer.volunteer.user, _owner_url(offer))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Projet – non signé" in text
    assert "Non signé" in text


def test_the_volunteer_reads_an_amendment_offered_and_the_signed_version(client, contract):
    _amendment(contract)
    user = contract.volunteer.user
    assert "Version 2 – avenant n° 1" in pdf_text(
        _get(client, user, _owner_url(contract, 2)).content
    )
    assert _get(client, user, _owner_url(contract, 1)).status_code == 200


def test_the_volunteer_does_not_see_a_draft(client, contract):
    _amendment(contract, status=ContractVersion.Status.DRAFT)
    assert _get(client, contract.volunteer.user, _owner_url(contract, 2)).status_code == 404


def test_the_volunteer_does_not_see_a_version_withdrawn_before_it_was_offered(client, contract):
    _amendment(contract, status=ContractVersion.Status.WITHDRAWN)
    assert _get(client, contract.volunteer.user, _owner_url(contract, 2)).status_code == 404


def test_a_version_the_contract_does_not_have_is_not_found(client, contract, staff):
    assert _get(client, staff, _staff_url(contract, number=2)).status_code == 404
    assert _get(client, contract.volunteer.user, _owner_url(contract, 2)).status_code == 404


@pytest.mark.parametrize("who", ["other_staff", "other_volunteer", "outsider", "volunteer"])
def test_nobody_else_downloads_on_the_staff_address(client, contract, other_staff, outsider, who):
    user = {
        "other_staff": other_staff,
        "other_volunteer": VolunteerFactory().user,
        "outsider": outsider,
        "volunteer": contract.volunteer.user,  # the volunteer has their own address
    }[who]
    assert _get(client, user, _staff_url(contract)).status_code == 404


@pytest.mark.parametrize("who", ["staff", "other_volunteer", "outsider"])
def test_nobody_else_downloads_on_the_volunteers_address(client, contract, staff, outsider, who):
    user = {"staff": staff, "other_volunteer": VolunteerFactory().user, "outsider": outsider}[who]
    assert _get(client, user, _owner_url(contract)).status_code == 404


def test_staff_of_another_association_do_not_reach_its_versions(client, contract, other_staff):
    mine = ContractFactory(
        application__mission__association=other_staff.memberships.get().association
    )
    assert _get(client, other_staff, _staff_url(mine)).status_code == 200
    assert _get(client, other_staff, _staff_url(contract)).status_code == 404


def test_a_visitor_is_sent_to_log_in(client, contract):
    response = client.get(_staff_url(contract))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_download_is_read_only(client, contract, staff):
    client.force_login(staff)
    assert client.post(_staff_url(contract)).status_code == 405


def test_the_staff_contract_page_lists_every_version_with_its_links(client, contract, staff):
    _amendment(contract, status=ContractVersion.Status.DRAFT)
    response = _get(client, staff, reverse("missions:contract_detail", kwargs={"pk": contract.pk}))
    page = response.content.decode()
    assert f'href="{_staff_url(contract, 1, "fr")}"' in page
    assert f'href="{_staff_url(contract, 2, "en")}"' in page
    assert "Version 2 (avenant n° 1)" in page


def test_the_volunteers_page_offers_both_languages_of_the_versions_they_may_read(client, contract):
    _amendment(contract, status=ContractVersion.Status.DRAFT)
    response = _get(
        client,
        contract.volunteer.user,
        reverse("missions:my_contract", kwargs={"pk": contract.pk}),
    )
    page = response.content.decode()
    assert f'href="{_owner_url(contract, 1, "fr")}"' in page
    assert f'href="{_owner_url(contract, 1, "en")}"' in page
    assert _owner_url(contract, 2) not in page

"""The public verification page: anyone enters a certificate's code and sees the volunteer's
name, the association, the country and the dates; nothing more; an unknown code gets the
same page saying so; the address is rate-limited and never indexed."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from missions.views.contract_ends import VERIFY_RATE_LIMITS
from tests.factories import ContractFactory, VolunteerFactory

pytestmark = pytest.mark.django_db

URL = "/certificates/verify/"
CODE = "ABCDEFGHJKMN"


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def certificate(association):
    volunteer = VolunteerFactory(
        user__full_name="Léa Martin",
        user__email="lea.martin@example.org",
        birth_date=date(1995, 5, 10),
    )
    return ContractFactory(
        application__mission__association=association,
        application__mission__title="Appui aux écoles de Thiès",
        application__volunteer=volunteer,
        status="ended_early",
        start_on=date(2030, 1, 1),
        end_on=date(2030, 12, 31),
        notice_given_on=date(2030, 3, 10),
        notice_side="volunteer",
        ended_on=date(2030, 4, 10),
        end_reason="health",
        end_explanation="Hospitalisée à Dakar.",
        compelling_reason=True,
        certificate_issued_at=datetime(2030, 4, 12, 9, tzinfo=ZoneInfo("Europe/Paris")),
        certificate_number="VSI-2030-000001",
        certificate_code=CODE,
    )


def test_the_page_is_public_with_a_labelled_form_and_never_indexed(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert reverse("certificates:verify") == URL
    html = response.content.decode()
    assert 'for="id_code"' in html and 'id="id_code"' in html and 'method="get"' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert 'data-testid="verification-result"' not in html


@pytest.mark.parametrize(
    "typed", ["ABCD-EFGH-JKMN", "ABCDEFGHJKMN", "abcd-efgh-jkmn", "abcd efgh jkmn"]
)
def test_a_valid_code_shows_the_four_facts(client, certificate, typed):
    response = client.get(URL, {"code": typed})
    assert response.status_code == 200
    html = response.content.decode()
    for fact in (
        "Léa Martin",
        certificate.association.name,
        "Senegal",
        "Jan. 1, 2030",
        "April 10, 2030",
    ):
        assert fact in html, fact


def test_nothing_personal_beyond_the_four_facts(client, certificate):
    html = client.get(URL, {"code": CODE}).content.decode()
    for secret in (
        "1995",  # the birth date
        "May 10",
        "lea.martin@example.org",
        "Health",  # the reason of the early end
        "Hospitalisée",
        "Appui aux écoles",  # the mission
        "VSI-2030-000001",  # the certificate's number
        "Dec. 31, 2030",  # the planned end
        "March 10",  # the notice
    ):
        assert secret not in html, secret
    assert set(client.get(URL, {"code": CODE}).context["certificate"].__dataclass_fields__) == {
        "volunteer_name",
        "association",
        "country",
        "first_day",
        "last_day",
    }


@pytest.mark.parametrize("typed", ["ABCD-EFGH-JKMP", "", "x", "ABCDEFGHJKMN" * 3])
def test_an_unknown_code_gets_the_same_page_saying_so(client, certificate, typed):
    response = client.get(URL, {"code": typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Léa Martin" not in html
    if typed and len(typed) <= 40:
        assert "No certificate with this code" in html


def test_a_certificate_not_issued_is_unknown(client, certificate):
    certificate.certificate_issued_at = None
    certificate.save(update_fields=["certificate_issued_at"])
    assert "No certificate with this code" in client.get(URL, {"code": CODE}).content.decode()


def test_a_deleted_account_attests_nobody(client, certificate):
    certificate.volunteer = None
    certificate.save(update_fields=["volunteer"])
    assert "No certificate with this code" in client.get(URL, {"code": CODE}).content.decode()


def test_the_page_speaks_french_by_default(client, certificate, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = client.get(URL, {"code": "ABCD-EFGH-JKMP"}).content.decode()
    assert "Aucune attestation ne porte ce code" in html


def test_too_many_checks_from_one_address_get_the_429_page(client, certificate):
    per_minute = int(VERIFY_RATE_LIMITS["certificate_verify"].split("/")[0])
    for index in range(per_minute):
        assert client.get(URL, {"code": f"WRONG{index}"}).status_code == 200
    response = client.get(URL, {"code": CODE})
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert "Léa Martin" not in response.content.decode()
    # Another address still checks.
    other = client.get(URL, {"code": CODE}, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 200 and "Léa Martin" in other.content.decode()


def test_the_empty_form_does_not_count_against_the_limit(client):
    for _ in range(30):
        assert client.get(URL).status_code == 200


def test_the_page_shows_the_name_printed_on_the_certificate_not_a_later_one(client, certificate):
    certificate.certificate_volunteer_name = "Léa Martin"
    certificate.save()
    user = certificate.volunteer.user
    user.full_name = "Léa Martin-Diallo"
    user.save()
    body = client.get(URL, {"code": CODE}).content.decode()
    assert "Léa Martin" in body and "Martin-Diallo" not in body

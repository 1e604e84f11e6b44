"""Signed-in pages carry personal data: `Cache-Control: private, no-store` on each of them;
the public pages anonymous people see (and the search cache shares) keep theirs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import ContractFactory, MembershipFactory, MissionFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


def _directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize(
    "name",
    [
        "volunteers:dashboard",
        "volunteers:profile",
        "volunteers:documents",
        "missions:my_applications",
        "notifications:list",
        "security:privacy",
        "home",
    ],
)
def test_a_volunteer_s_pages_are_private_and_not_stored(client, name):
    client.force_login(VolunteerFactory().user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert {"private", "no-store"} <= _directives(response)


def test_the_staff_s_contract_page_is_private_and_not_stored(client):
    contract = ContractFactory()
    admin = MembershipFactory(association=contract.association, role="admin").user
    client.force_login(admin)
    response = client.get(reverse("missions:contract_detail", kwargs={"pk": contract.pk}))
    assert response.status_code == 200
    assert {"private", "no-store"} <= _directives(response)


def test_a_signed_in_person_s_public_mission_page_is_private_too(client):
    mission = MissionFactory()
    client.force_login(VolunteerFactory().user)
    response = client.get(reverse("missions:detail", kwargs={"slug": mission.slug}))
    assert {"private", "no-store"} <= _directives(response)


def test_a_redirect_to_a_signed_in_person_is_private(client):
    client.force_login(VolunteerFactory().user)
    response = client.post(reverse("notifications:read_all"))
    assert response.status_code == 302
    assert {"private", "no-store"} <= _directives(response)


def test_the_admin_is_private_and_not_stored(verified_admin_client):
    response = verified_admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert {"private", "no-store"} <= _directives(response)


@pytest.mark.parametrize("name", ["home", "missions:search", "missions:map", "security:privacy"])
def test_anonymous_public_pages_are_not_marked_private(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert not {"private", "no-store"} & _directives(response)


def test_an_anonymous_mission_page_is_not_marked_private(client):
    mission = MissionFactory()
    response = client.get(reverse("missions:detail", kwargs={"slug": mission.slug}))
    assert response.status_code == 200
    assert "no-store" not in _directives(response)


def test_a_signed_in_person_s_refused_oversized_post_is_private_too(client, settings):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    response = client.post(
        reverse("volunteers:profile"),
        "x" * (settings.REQUEST_BODY_MAX_BYTES + 1),
        content_type="text/plain",
    )
    assert response.status_code == 413
    assert response["Cache-Control"] == "private, no-store"

"""France Volontaires read applications and contracts in the admin, and change nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import ApplicationFactory, ContractFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(verified_admin_client):
    return verified_admin_client


def test_the_admin_lists_and_shows_applications_read_only(admin_client):
    application = ApplicationFactory()
    application.events.create(to_status="submitted")
    assert admin_client.get(reverse("admin:missions_application_changelist")).status_code == 200
    url = reverse("admin:missions_application_change", args=[application.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert admin_client.post(url, {"status": "accepted"}).status_code == 403


def test_the_admin_lists_and_shows_contracts_read_only(admin_client):
    contract = ContractFactory()
    assert admin_client.get(reverse("admin:missions_contract_changelist")).status_code == 200
    response = admin_client.get(reverse("admin:missions_contract_change", args=[contract.pk]))
    assert response.status_code == 200
    assert admin_client.get(reverse("admin:missions_contract_add")).status_code == 403

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, VolunteerFactory
from vsi_portal.security.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_deleting_ones_account_is_in_the_audit_trail(client):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    client.post(
        reverse("volunteers:account_delete"),
        {"password": PASSWORD, "confirm_email": volunteer.user.email},
    )
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ACCOUNT_DELETED).count() == 1

"""The demo's applications: every status, with their history."""

from __future__ import annotations

import pytest

from missions.models import Application
from missions.selectors.candidates import candidate_for, mission_contract
from vsi_portal.eligibility import check

pytestmark = pytest.mark.django_db


def test_applications_in_every_status_with_their_history(demo):
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses == set(Application.Status.values)
    assert Application.objects.filter(status="rejected").exclude(rejection_reason="").exists()
    assert Application.objects.filter(status="withdrawn").exclude(withdrawal_reason="").exists()
    for application in Application.objects.all():
        events = list(application.events.all())
        assert events[0].to_status == "submitted"
        assert events[-1].to_status == application.status


def test_the_submitted_demo_application_can_become_a_contract(demo):
    """Léa's application is eligible today: the live journey of the demo works."""
    application = Application.objects.get(
        volunteer__user__email="lea.martin@example.org", status="submitted"
    )
    candidate = candidate_for(application.volunteer)
    assert check(candidate, mission_contract(application.mission)).eligible

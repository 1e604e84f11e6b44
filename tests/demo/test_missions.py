from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from demo.loader import load_demo
from missions.models import Mission

pytestmark = pytest.mark.django_db


def test_demo_publishes_dozens_of_searchable_missions_and_is_idempotent(client):
    today = timezone.localdate()
    load_demo(today=today)
    load_demo(today=today)
    open_missions = Mission.objects.open_for_applications(today=today)
    assert open_missions.count() >= 40
    assert open_missions.values("country").distinct().count() >= 25
    assert Mission.objects.filter(status="draft").exists()
    assert Mission.objects.filter(status="closed").exists()
    assert open_missions.filter(country="FR").exists() and open_missions.filter(country="PF")
    response = client.get(reverse("missions:search"), {"q": "santé", "region": "africa"})
    assert response.context["page"].paginator.count >= 3

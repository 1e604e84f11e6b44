"""The demo's saved searches: today's alert run sends some, once; idempotent."""

from __future__ import annotations

import pytest

from demo.loader import load_demo
from missions.models import SavedSearch
from missions.services.search_alerts import search_alerts_send
from vsi_portal.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_todays_alert_run_sends_the_demo_s_alerts_once(demo):
    first = search_alerts_send(today=demo)
    assert first.sent == 2  # Léa (two searches in one e-mail) and Jonas
    lea = OutboxMessage.objects.get(to="lea.martin@example.org", kind="missions.search_alert")
    assert "Santé au Sénégal" in lea.text and "Amérique latine" in lea.text
    assert "Enseignement au Sénégal" not in lea.text  # nothing new
    jonas = OutboxMessage.objects.get(to="jonas.weber@example.org", kind="missions.search_alert")
    assert jonas.language == "en" and "Emergencies" in jonas.text
    assert search_alerts_send(today=demo).sent == 0


def test_loading_the_demo_again_adds_no_saved_search(demo):
    count = SavedSearch.objects.count()
    load_demo(today=demo)
    assert SavedSearch.objects.count() == count == 5

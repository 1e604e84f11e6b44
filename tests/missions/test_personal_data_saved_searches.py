"""A volunteer's saved searches: in their data export, gone with their account."""

from __future__ import annotations

import pytest

from missions import personal_data
from missions.models import SavedSearch, SearchAlert
from privacy.services import account_delete
from tests.missions.alerts import TODAY, saved_search

pytestmark = pytest.mark.django_db


def test_the_export_lists_the_saved_searches(volunteer):
    saved_search(volunteer, "country=SN", name="Sénégal", frequency="weekly")
    (exported,) = personal_data.export(volunteer.user)["saved_searches"]
    assert exported["name"] == "Sénégal"
    assert exported["alert"] == "weekly"
    assert exported["url"].endswith("/missions/?country=SN&eligible=0")


def test_erasure_deletes_the_saved_searches_and_their_alerts(volunteer):
    search = saved_search(volunteer, "country=SN")
    SearchAlert.objects.create(
        saved_search=search,
        period_start=TODAY,
        since=search.alerts_since,
        until=search.alerts_since,
        mission_count=1,
    )
    account_delete(user=volunteer.user)
    assert not SavedSearch.objects.exists()
    assert not SearchAlert.objects.exists()

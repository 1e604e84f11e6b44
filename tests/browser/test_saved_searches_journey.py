"""Saved searches as a volunteer uses them, in French and in English: save the search shown,
rename it and set its alert, get the alert, stop it from the e-mail's link without
signing in, delete the search. Every page audited (axe, Nu Html Checker)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from missions.models import SavedSearch
from missions.services.search import missions_reindex
from missions.services.search_alerts import search_alerts_send
from tests.browser.helpers import (
    LANGUAGES,
    Labels,
    languages,
    last_link,
    log_in,
    switch_language,
)
from tests.factories import MissionFactory, VolunteerFactory
from vsi_portal.outbox.sending import outbox_send

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_volunteer_saves_a_search_gets_its_alert_and_stops_it(new_page, language):
    languages()
    t = Labels(language)
    volunteer = VolunteerFactory(user__preferred_language=language)
    MissionFactory(title="Appui aux écoles de Thiès", country="SN")
    missions_reindex()
    page = new_page()
    log_in(page, t, volunteer.user.email)

    page.goto("/missions/?country=SN")
    page.audit()
    page.get_by_text(t("Save this search and get new missions by e-mail")).click()
    page.get_by_label(t.exact("Name of this search")).fill("Sénégal")
    page.get_by_label(t.exact("Send me new missions by e-mail")).select_option("daily")
    page.get_by_role("button", name=t("Save"), exact=True).click()
    page.audit()
    assert "country=SN" in page.url
    search = SavedSearch.objects.get(volunteer=volunteer)
    assert search.frequency == "daily"

    page.goto("/missions/searches/")
    page.audit()
    page.get_by_text(t("Rename or change the alert")).click()
    page.get_by_label(t.exact("Name")).fill("Sénégal, écoles")
    page.get_by_role("button", name=f"{t('Save')} – Sénégal").click()
    page.audit()
    search.refresh_from_db()
    assert (search.name, search.frequency) == ("Sénégal, écoles", "daily")

    MissionFactory(title="Bibliothèque de Saint-Louis", country="SN", published_at=timezone.now())
    missions_reindex()  # the derived columns "missions I can apply to" reads
    mail.outbox = []
    assert search_alerts_send().sent == 1
    outbox_send()
    link = last_link(r"/missions/alerts/unsubscribe/[^/\s]+/", volunteer.user.email)
    assert "Bibliothèque de Saint-Louis" in mail.outbox[-1].body

    stranger = new_page()  # the link works without signing in
    stranger.goto(link)
    stranger.audit()
    switch_language(stranger, language)
    stranger.get_by_role("button", name=t("Stop these alerts")).click()
    stranger.audit()
    search.refresh_from_db()
    assert search.frequency == "none"

    page.goto("/missions/searches/")
    page.audit()
    page.get_by_role("link", name=f"{t('Delete')} – Sénégal, écoles").click()
    page.audit()
    page.get_by_role("button", name=t("Delete"), exact=True).click()
    page.audit()
    assert not SavedSearch.objects.exists()

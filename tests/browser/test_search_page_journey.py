"""The search page as people use it: the country picker typed into (accents ignored), the
same list without JavaScript, the filters folded on a phone, the chips that undo a filter."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from missions.services.search import missions_reindex
from tests.browser.helpers import Labels, languages
from tests.factories import MissionFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def missions():
    languages()
    MissionFactory(title="Appui aux écoles de Thiès", country="SN")
    MissionFactory(title="Jardins scolaires de Siem Reap", country="KH")
    missions_reindex()


def test_typing_se_in_the_country_picker_offers_senegal_first(page, missions):
    t = Labels("fr")
    page.goto("/missions/")
    page.audit()
    page.locator("#id_country-ts-control").click()
    page.keyboard.type("Sé")
    expect(page.locator(".ts-dropdown .option").first).to_have_text("Sénégal")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.get_by_role("button", name=t("Search"), exact=True).click()
    page.audit()
    assert "country=SN" in page.url
    assert page.get_by_role("link", name="Appui aux écoles de Thiès").is_visible()
    assert not page.get_by_role("link", name="Jardins scolaires de Siem Reap").is_visible()

    # The chip undoes the filter.
    page.get_by_role("link", name=f"Sénégal – {t('remove this filter')}").click()
    page.audit()
    assert "country=SN" not in page.url
    assert page.get_by_role("link", name="Jardins scolaires de Siem Reap").is_visible()


def test_without_javascript_the_plain_country_list_and_the_folded_filters_work(new_page, missions):
    t = Labels("fr")
    page = new_page(viewport={"width": 390, "height": 800}, javascript=False)
    page.goto("/missions/")
    page.audit()
    results = page.get_by_role("link", name="Appui aux écoles de Thiès")
    countries = page.get_by_label(t.exact("Countries"))
    assert not countries.is_visible()  # folded: the results come first on a phone
    results_top = results.bounding_box()["y"]
    assert results_top < 900
    page.get_by_text(t("More filters"), exact=True).click()
    countries.select_option("KH")
    page.get_by_role("button", name=t("Search"), exact=True).click()
    page.audit()
    assert "country=KH" in page.url
    assert page.get_by_role("link", name="Jardins scolaires de Siem Reap").is_visible()

"""A visitor sees the search's results on the map, then follows a country back to the list
(French and English; with and without JavaScript; 320 to 1920 px wide)."""

from __future__ import annotations

import re

import pytest

from missions.services.search import missions_reindex
from tests.browser.helpers import LANGUAGES, Labels, languages, switch_language
from tests.factories import MissionFactory

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (320, 390, 768, 1024, 1280, 1920)


def _missions() -> None:
    languages()
    MissionFactory.create_batch(3, country="SN", domain="teaching")
    MissionFactory(country="MG", domain="teaching")
    MissionFactory(country="PE", domain="health")
    missions_reindex()


@pytest.mark.parametrize("language", LANGUAGES)
def test_visitor_goes_from_the_list_to_the_map_and_back_on_a_country(page, language):
    t = Labels(language)
    _missions()
    page.goto("/missions/?domain=teaching")
    page.audit()
    switch_language(page, language)
    page.get_by_role("link", name=t("See these results on a map")).click()
    page.audit()
    assert "/missions/map/" in page.url and "domain=teaching" in page.url
    map_image = page.get_by_role("img", name=t("World map of the missions found"))
    assert map_image.is_visible()
    assert page.locator("svg a[data-country]").count() == 2  # SN and MG, not PE
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width, width
    senegal = {"fr": "Sénégal", "en": "Senegal"}[language]
    page.get_by_role("row").filter(has_text=senegal).get_by_role("link").click()
    page.audit()
    assert re.search(r"country=SN", page.url) and "domain=teaching" in page.url
    heading = page.get_by_role("heading", level=2, name=re.compile(r"^\s*3 "))
    assert heading.is_visible()


def test_the_map_needs_no_javascript(new_page):
    _missions()
    page = new_page(javascript=False, viewport={"width": 320, "height": 800})
    page.goto("/missions/map/")
    page.audit()
    assert page.locator("svg[role=img] path").count() > 200
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_role("link", name="Madagascar", exact=True).click()
    page.audit()
    assert "country=MG" in page.url

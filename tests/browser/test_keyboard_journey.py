"""Search and apply with the keyboard alone: Tab, Enter and typing, never a mouse click.

Journey 6 of issue 8. Every control the journey uses is reached by Tab from the previous
one, in the page's order, as a person using a keyboard or a switch device would.
"""

from __future__ import annotations

import re

import pytest

from missions.models import Application
from missions.services.search import missions_reindex
from tests.browser.helpers import Labels, languages
from tests.factories import PASSWORD, MissionFactory, UserFactory, VolunteerFactory

pytestmark = pytest.mark.django_db(transaction=True)

MAX_TABS = 120


def tab_to(page, target) -> None:
    """Presses Tab until `target` (a locator) has the focus."""
    handle = target.element_handle()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("(element) => document.activeElement === element", handle):
            return
    raise AssertionError(f"{target} never got the focus after {MAX_TABS} presses of Tab")


def test_volunteer_searches_and_applies_with_the_keyboard_alone(page):
    t = Labels("fr")
    languages()
    volunteer = VolunteerFactory(user=UserFactory(full_name="Hugo Bernard"))
    mission = MissionFactory(
        title="Soutien scolaire à Saint-Louis", summary="Aide aux devoirs dans deux écoles."
    )
    MissionFactory(title="Gestion de projet eau potable", domain="water")
    missions_reindex()

    page.goto("/")
    page.audit()
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.inner_text() == t("Skip to main content")
    assert focused.is_visible()

    # Logging in.
    tab_to(page, page.get_by_role("link", name=t("Log in"), exact=True))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.audit()
    tab_to(page, page.get_by_label(t.exact("Email")))
    page.keyboard.type(volunteer.user.email)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.audit()

    # Searching from the home page: the skip link, then the search field.
    page.goto("/")
    page.audit()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_label(t("Search missions")))
    page.keyboard.type("soutien scolaire")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/missions/\?q="))
    page.audit()
    assert page.locator("main article").count() == 1

    tab_to(page, page.get_by_role("link", name=mission.title))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/missions/{mission.slug}/$"))
    page.audit()

    tab_to(page, page.get_by_role("link", name=t("Apply"), exact=True))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/apply/$"))
    page.audit()
    tab_to(page, page.get_by_label(t("Your motivation")))
    page.keyboard.type("J'accompagne des collégiens depuis deux ans, en français et en maths.")
    tab_to(page, page.get_by_role("button", name=t("Send my application")))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/missions/my-applications/$"))
    page.audit()
    assert page.get_by_role("heading", name=mission.title).is_visible()
    assert Application.objects.get(mission=mission).volunteer == volunteer

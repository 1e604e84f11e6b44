"""Every page of the journeys fits every screen: no horizontal scrolling from a 320 px phone
to a 1920 px desktop, for a visitor, a volunteer and an association's staff; and the phone
menu opens without JavaScript (issue 17).

Each page is loaded once and audited, then measured at each width by resizing the window.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from missions.services.search import missions_reindex
from tests.browser.helpers import Labels, languages, log_in, open_account_menu
from tests.factories import (
    ApplicationFactory,
    ContractFactory,
    MembershipFactory,
    MissionFactory,
    UserFactory,
    VolunteerFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (320, 390, 768, 1024, 1280, 1920)


def _overflows(page, path: str) -> list[str]:
    """The widths at which `path` scrolls sideways, with the element sticking out most."""
    page.goto(path)
    page.audit()
    found = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            culprit = page.evaluate(
                """(width) => { const wide = [...document.body.querySelectorAll('*')]
                     .filter(e => e.getBoundingClientRect().right > width + 1);
                   const e = wide[wide.length - 1];
                   return e ? e.tagName + '.' + e.className : ''; }""",
                width,
            )
            found.append(f"{path} at {width} px: {scroll_width} px wide ({culprit})")
    page.set_viewport_size({"width": 1280, "height": 900})
    return found


@pytest.fixture
def portal():
    languages()
    staff = MembershipFactory(user=UserFactory(full_name="Claire Martin")).user
    association = staff.memberships.get().association
    # A long address must break rather than widen a phone's page.
    association.contact_email = "recrutement.volontariat@solidarite-sans-frontieres.example.org"
    association.save(update_fields=["contact_email"])
    mission = MissionFactory(
        association=association,
        title="Coordination d'un programme de santé communautaire en milieu rural",
        place="Saint-Louis",
    )
    applicant = ApplicationFactory(
        mission=mission, volunteer=VolunteerFactory(user=UserFactory(full_name="Hugo Bernard"))
    )
    contract = ContractFactory(
        application__mission=mission,
        application__volunteer=VolunteerFactory(
            user=UserFactory(full_name="Maximilien-Alexandre de La Rochefoucauld")
        ),
    )
    missions_reindex()
    return {
        "staff": staff,
        "mission": mission,
        "applicant": applicant,
        "contract": contract,
    }


def test_no_page_scrolls_sideways_at_any_width(new_page, portal):
    # Both languages, one per role (each page in both would double a two-minute test):
    # the visitor and the staff in English, the volunteer in French.
    english, french = Labels("en"), Labels("fr")
    mission = portal["mission"]
    public = [
        "/",
        reverse("missions:search"),
        reverse("missions:detail", args=[mission.slug]),
        reverse("associations:detail", args=[mission.association.slug]),
        reverse("missions:eligibility"),  # the questions; the volunteer sees the answer
        reverse("accessibility"),
    ]
    problems = []

    visitor = new_page(locale="en-GB")
    log_in_page = [reverse("account_login"), reverse("account_signup")]
    for path in [*public, *log_in_page]:
        problems += _overflows(visitor, path)

    volunteer = new_page(locale="fr-FR")
    log_in(volunteer, french, portal["contract"].volunteer.user.email)
    for path in [
        *public,
        reverse("volunteers:dashboard"),
        reverse("volunteers:profile"),
        reverse("volunteers:my_vsi"),
        reverse("missions:my_applications"),
        reverse("missions:my_contract", args=[portal["contract"].pk]),
        reverse("notifications:list"),
    ]:
        problems += _overflows(volunteer, path)

    staff = new_page(locale="en-GB")
    log_in(staff, english, portal["staff"].email)
    for path in [
        reverse("associations:staff_home"),
        reverse("missions:manage"),
        reverse("missions:create"),
        reverse("missions:applications", args=[mission.pk]),
        reverse("missions:application_detail", args=[portal["applicant"].pk]),
        reverse("missions:contracts"),
        reverse("missions:contract_detail", args=[portal["contract"].pk]),
    ]:
        problems += _overflows(staff, path)

    assert not problems, "\n".join(problems)


def test_the_account_menu_opens_from_the_header(new_page, portal):
    t = Labels("fr")
    page = new_page()
    log_in(page, t, portal["staff"].email)
    logout = page.get_by_role("button", name=t("Log out"))
    assert not logout.is_visible()
    open_account_menu(page)
    assert logout.is_visible()


def test_the_phone_menu_opens_without_javascript(new_page, portal):
    t = Labels("fr")
    page = new_page(viewport={"width": 390, "height": 800}, javascript=False)
    page.goto("/")
    page.audit()
    assert not page.locator(".navbar-toggler").is_visible()
    page.get_by_role("link", name=t("Log in"), exact=True).click()
    page.audit()
    assert page.url.endswith(reverse("account_login"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_on_a_phone_the_verdict_and_apply_button_come_right_after_the_summary(new_page, portal):
    t = Labels("fr")
    page = new_page()
    log_in(page, t, portal["applicant"].volunteer.user.email)
    page.set_viewport_size({"width": 390, "height": 800})
    other = MissionFactory(title="Appui pédagogique")
    missions_reindex()
    page.goto(reverse("missions:detail", args=[other.slug]))
    page.audit()
    apply = page.get_by_role("link", name=t("Apply"), exact=True)
    assert apply.bounding_box()["y"] < 800  # in the first screen, before the mission's facts
    facts = page.get_by_role("heading", name=t("The mission in brief"))
    assert apply.bounding_box()["y"] < facts.bounding_box()["y"]

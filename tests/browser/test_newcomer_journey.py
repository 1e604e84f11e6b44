"""A newcomer finds a mission, signs up, fills in the profile and applies (French and English).

Journeys 1 and 5 of issue 8: every step from the home page, in each language the portal
speaks; in English the newcomer first clicks the header's language switcher.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from missions.models import Application
from missions.services.search import missions_reindex
from tests.browser.helpers import LANGUAGES, Labels, languages, last_link, switch_language
from tests.factories import AssociationFactory, MissionFactory
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "un-mot-de-passe-solide-42"


def _missions():
    languages()
    today = timezone.localdate()
    association = AssociationFactory(name="Écoles du Sahel")
    wanted = MissionFactory(
        association=association,
        title="Appui pédagogique aux écoles rurales",
        slug="appui-pedagogique-ecoles-rurales",
        summary="Former les enseignants de trois écoles de village.",
        domain="teaching",
        country="SN",
        place="Thiès",
        start_on=today + timedelta(days=75),
    )
    # Same words, another domain: the domain filter leaves it out.
    MissionFactory(
        association=association,
        title="Santé scolaire dans les écoles rurales",
        domain="health",
        country="SN",
    )
    # Same domain, other words: the text leaves it out.
    MissionFactory(association=association, title="Formation agricole", domain="teaching")
    missions_reindex()
    return wanted


@pytest.mark.parametrize("language", LANGUAGES)
def test_newcomer_searches_signs_up_completes_the_profile_and_applies(page, language):
    t = Labels(language)
    mission = _missions()
    mail.outbox.clear()

    page.goto("/")
    page.audit()
    switch_language(page, language)
    page.get_by_label(t("Search missions")).fill("écoles rurales")
    page.get_by_role("button", name=t("Find a mission")).click()
    page.audit()
    assert page.get_by_role("heading", level=1).inner_text() == t("Find a mission")
    page.get_by_label(t("Teaching and training"), exact=True).check()
    page.get_by_role("button", name=t("Search"), exact=True).click()
    page.audit()
    cards = page.locator("main article")
    assert cards.count() == 1
    cards.get_by_role("link", name=mission.title).click()
    page.audit()
    assert page.get_by_role("heading", level=1).inner_text() == mission.title

    # Signing up from the mission page.
    page.get_by_role("link", name=t("Sign up")).click()
    page.audit()
    page.get_by_label(t.exact("Full name")).fill("Camille Roux")
    page.get_by_label(t.exact("Email")).fill("camille.roux@example.org")
    page.get_by_label(t.exact("Password")).fill(PASSWORD)
    page.get_by_label(t.exact("Password (again)")).fill(PASSWORD)
    page.get_by_role("button", name=t("Sign Up")).click()
    page.audit()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["camille.roux@example.org"]

    page.goto(last_link(r"/accounts/confirm-email/\S+/", "camille.roux@example.org"))
    page.audit()
    page.get_by_role("button", name=t("Confirm")).click()
    page.audit()
    assert page.get_by_text(t("Signed in as %(name)s", name="Camille"), exact=True).is_visible()

    # Signed in with an empty profile: led to its form, the facts the rules need listed.
    assert page.get_by_role("heading", level=1).inner_text() == t("My profile")
    assert t("your birth date") in page.get_by_test_id("profile-missing-facts").inner_text()
    page.get_by_label(t("birth date")).fill("1996-03-14")
    page.get_by_label(t("nationalities")).select_option(["FR"])
    page.get_by_label(t("country of residence")).select_option("FR")
    page.get_by_label(t("Languages spoken")).select_option(["fr"])
    page.get_by_role("button", name=t("Save my profile")).click()
    page.audit()
    assert page.get_by_text(t("Your profile has been saved.")).is_visible()
    assert Volunteer.objects.get(user__email="camille.roux@example.org").residence.code == "FR"

    page.get_by_role("link", name=t("Find a mission")).first.click()
    page.audit()
    page.get_by_role("link", name=mission.title).click()
    page.audit()
    verdict = page.get_by_role("region", name=t("Can I apply?"))
    assert verdict.get_by_text(t("You can apply to this mission.")).is_visible()
    verdict.get_by_role("link", name=t("Apply"), exact=True).click()
    page.audit()
    page.get_by_label(t("Your motivation")).fill(
        "J'enseigne le français depuis trois ans et je souhaite appuyer les enseignants."
    )
    page.get_by_role("button", name=t("Send my application")).click()
    page.audit()
    assert page.get_by_role("heading", level=1).inner_text() == t("My applications")
    assert page.get_by_text(
        t("Application sent. The association has been told; follow it here.")
    ).is_visible()
    assert page.get_by_role("heading", name=mission.title).is_visible()
    application = Application.objects.get(mission=mission)
    assert application.volunteer.user.email == "camille.roux@example.org"
    assert application.status == "submitted"

    # Later, from the volunteer's space.
    page.get_by_role("navigation", name=t("Main navigation")).get_by_role(
        "link", name=t("My space")
    ).click()
    page.audit()
    page.get_by_role("main").get_by_role("link", name=t("My applications")).click()
    page.audit()
    assert page.get_by_role("heading", name=mission.title).is_visible()

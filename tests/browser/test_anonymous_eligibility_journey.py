"""A visitor asks "Am I eligible?" without an account, sees which destinations are open
and why, searches with badges and the filter on, turns it off, signs up and finds their
answers in their profile (French and English). Nothing is stored before the sign-up."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from missions.services.search import missions_reindex
from tests.browser.helpers import LANGUAGES, Labels, languages, last_link, switch_language
from tests.factories import AssociationFactory, MissionFactory
from volunteers.models import Volunteer
from vsi_portal.explanations import explain_reason, explain_reason_briefly

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "un-mot-de-passe-solide-42"


def _missions():
    languages()
    start = timezone.localdate() + timedelta(days=90)
    association = AssociationFactory(name="Solidarités Sud")
    MissionFactory(association=association, title="Santé à Thiès", country="SN", start_on=start)
    MissionFactory(association=association, title="École à Meknès", country="MA", start_on=start)
    MissionFactory(
        association=association,
        title="Accueil à Marseille",
        country="FR",
        allowance_eur=900,
        start_on=start + timedelta(days=1),
    )
    missions_reindex()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_visitor_answers_sees_badges_signs_up_and_finds_the_answers(page, language):
    t = Labels(language)
    _missions()
    mail.outbox.clear()

    page.goto("/")
    page.audit()
    switch_language(page, language)
    page.get_by_role(
        "link", name=t("Am I eligible? Answer a few questions, without an account")
    ).click()
    page.audit()
    assert page.get_by_role("heading", level=1).inner_text() == t("Am I eligible?")
    page.get_by_label(t("birth date")).fill("1997-09-21")
    page.get_by_label(t("nationalities")).select_option(["SN"])
    page.get_by_label(t("country of residence")).select_option("SN")
    page.get_by_role("button", name=t("See what is open to me")).click()
    page.audit()
    assert Volunteer.objects.count() == 0

    answer = page.get_by_role("region", name=t("Your answer"))
    assert answer.get_by_text(t("France, overseas included")).is_visible()
    # The rules' own words: the whole text on this page, the short one on the cards.
    with translation.override(language):
        nationality = explain_reason("NATIONALITY_COUNTRY")
        short = explain_reason_briefly("NATIONALITY_COUNTRY")
    assert answer.get_by_text(nationality).first.is_visible()

    answer.get_by_role(
        "link",
        name=t.plural(
            "See the %(counter)s mission I can apply to",
            "See the %(counter)s missions I can apply to",
            2,
            counter=2,
        ),
    ).click()
    page.audit()
    cards = page.locator("main article")
    assert cards.count() == 2
    assert cards.get_by_text(t("You can apply"), exact=True).count() == 2
    page.get_by_role("link", name=t("Show all missions")).click()
    page.audit()
    assert "eligible=0" in page.url
    assert page.locator("main article").count() == 3
    refused = page.locator("main article", has_text="Santé à Thiès")
    assert refused.get_by_text(t("You cannot apply: %(reason)s", reason=short)).is_visible()

    page.get_by_role("link", name=t("Sign up")).click()
    page.audit()
    page.get_by_label(t.exact("Full name")).fill("Aminata Sow")
    page.get_by_label(t.exact("Email")).fill("aminata.sow@example.org")
    page.get_by_label(t.exact("Password")).fill(PASSWORD)
    page.get_by_label(t.exact("Password (again)")).fill(PASSWORD)
    page.get_by_role("button", name=t("Sign Up")).click()
    page.audit()
    page.goto(last_link(r"/accounts/confirm-email/\S+/", "aminata.sow@example.org"))
    page.audit()
    page.get_by_role("button", name=t("Confirm")).click()
    page.audit()

    page.get_by_role("navigation", name=t("Main navigation")).get_by_role(
        "link", name=t("My space")
    ).click()
    page.audit()
    page.get_by_role("link", name=t("Edit my profile")).click()
    page.audit()
    assert page.get_by_label(t("birth date")).input_value() == "1997-09-21"
    assert page.get_by_label(t("country of residence")).input_value() == "SN"
    volunteer = Volunteer.objects.get(user__email="aminata.sow@example.org")
    assert [country.code for country in volunteer.nationalities] == ["SN"]

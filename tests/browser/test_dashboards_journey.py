"""The figures: an association's staff open their dashboard from their space, on a phone
and on a desktop, in both languages; anyone reads the statistics from the footer. axe and
the HTML checker audit every page (conftest.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.helpers import Labels, log_in
from tests.factories import (
    PASSWORD,
    ApplicationFactory,
    ContractFactory,
    MembershipFactory,
    MissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def _activity(association) -> None:
    today = timezone.localdate()
    for i, country in enumerate(["SN", "MG", "PE"]):
        mission = MissionFactory(
            association=association,
            country=country,
            published_at=timezone.now() - timedelta(days=40 * i),
        )
        ApplicationFactory(mission=mission)
        ContractFactory(
            application__mission=mission,
            status="active",
            start_on=today - timedelta(days=60),
            end_on=today + timedelta(days=20 + 30 * i),
        )


@pytest.mark.parametrize(("language", "viewport"), [("fr", PHONE), ("en", None)])
def test_staff_open_their_association_s_figures_from_their_space(new_page, language, viewport):
    t = Labels(language)
    membership = MembershipFactory(user=UserFactory(preferred_language=language))
    _activity(membership.association)
    page = new_page(viewport=viewport, locale=f"{language}-FR")
    if viewport is None:
        log_in(page, t, membership.user.email)
    else:  # on a phone the header's links are folded: the log-in page directly
        page.goto("/accounts/login/")
        page.audit()
        page.get_by_label(t.exact("Email")).fill(membership.user.email)
        page.get_by_label(t.exact("Password")).fill(PASSWORD)
        page.get_by_role("button", name=t("Sign In")).click()
        page.audit()
    page.goto(f"/associations/{membership.association.slug}/manage/")
    page.audit()
    page.get_by_role("link", name=t("Figures"), exact=True).click()
    page.audit()
    heading = t("The figures of %(name)s", name=membership.association.name)
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert page.locator("svg.bar-chart[role=img]").count() >= 8
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]


def test_anyone_reads_the_statistics_from_the_footer(new_page):
    t = Labels("fr")
    _activity(MembershipFactory().association)
    page = new_page(viewport=PHONE)
    page.goto("/")
    page.audit()
    page.get_by_role("link", name=t("VSI in figures")).click()
    page.audit()
    assert page.get_by_role("heading", level=1).inner_text() == t("VSI in figures")

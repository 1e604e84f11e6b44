"""A volunteer who cannot apply sees every reason in plain words, and no way to apply.

Journey 2 of issue 8: a Senegalese national living in Senegal, bound by an employment
contract, opens a mission in Senegal.
"""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.formats import date_format

from missions.selectors.candidates import candidate_for, mission_contract
from missions.services.search import missions_reindex
from tests.browser.helpers import Labels, languages, log_in
from tests.factories import MissionFactory, UserFactory, VolunteerFactory
from vsi_portal.eligibility import check
from vsi_portal.explanations import explain_reason, explain_reason_briefly

pytestmark = pytest.mark.django_db(transaction=True)


def test_volunteer_who_cannot_apply_sees_every_reason_and_no_apply_button(page):
    t = Labels("fr")
    languages()
    volunteer = VolunteerFactory(
        user=UserFactory(full_name="Awa Diop", email="awa.diop@example.org"),
        nationalities=["SN"],
        residence="SN",
        employed=True,
    )
    mission = MissionFactory(
        title="Santé communautaire à Ziguinchor", country="SN", domain="health"
    )
    missions_reindex()
    candidate, contract = candidate_for(volunteer), mission_contract(mission)
    verdict = check(candidate, contract)
    assert len(verdict.reasons) >= 3  # own nationality, residence, employment contract
    with translation.override("fr"):
        reasons = [
            explain_reason(
                code,
                candidate=candidate,
                contract=contract,
                format_date=lambda day: date_format(day, "DATE_FORMAT"),
            )
            for code in verdict.reasons
        ]

    with translation.override(t.language):
        first_reason = explain_reason_briefly(verdict.reasons[0])

    log_in(page, t, volunteer.user.email)
    page.get_by_role("link", name=t("Find a mission")).first.click()
    page.audit()
    # "Missions I can apply to" is on by default: this one is left out until shown.
    assert page.get_by_role("link", name=mission.title).count() == 0
    page.get_by_role("link", name=t("Show all missions")).click()
    page.audit()
    card = page.locator("main article", has_text=mission.title)
    assert card.get_by_text(t("You cannot apply: %(reason)s", reason=first_reason)).is_visible()
    card.get_by_role("link", name=mission.title).click()
    page.audit()
    verdict_box = page.get_by_role("region", name=t("Can I apply?"))
    heading = t.plural(
        "You cannot apply to this mission, for this reason:",
        "You cannot apply to this mission, for these reasons:",
        len(reasons),
    )
    assert verdict_box.get_by_text(heading).is_visible()
    shown = verdict_box.get_by_role("listitem").all_inner_texts()
    for reason in reasons:
        assert reason in shown, f"{reason!r} not in {shown}"
    assert page.get_by_role("link", name=t("Apply"), exact=True).count() == 0
    assert page.get_by_role("button", name=t("Apply"), exact=True).count() == 0

    # Typing the application address leads to the same reasons, without a form.
    page.goto(f"/missions/{mission.slug}/apply/")
    page.audit()
    assert page.get_by_role("heading", name=heading).is_visible()
    for reason in reasons:
        assert page.get_by_text(reason, exact=True).is_visible()
    assert page.get_by_role("button", name=t("Send my application")).count() == 0
    assert page.get_by_label(t("Your motivation")).count() == 0

    # The search can show only the missions one can apply to: this one is left out.
    page.get_by_role("link", name=t("See the missions I can apply to")).click()
    page.audit()
    assert page.get_by_label(t("Only missions I can apply to")).is_checked()
    assert page.get_by_role("link", name=mission.title).count() == 0

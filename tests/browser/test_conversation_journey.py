"""Staff write to a candidate; the candidate sees the unread count, reads and answers from
their application's page; the staff see the answer. In French and in English.

Uses the audited pages of tests/browser (axe-core WCAG 2.1 AA and the Nu Html Checker on
every page visited).
"""

from __future__ import annotations

import re

import pytest

from missions.models import ApplicationMessage
from tests.browser.helpers import LANGUAGES, Labels, languages, log_in, log_out
from tests.factories import (
    ApplicationFactory,
    MembershipFactory,
    MissionFactory,
    VolunteerFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_write_the_volunteer_reads_and_answers(new_page, language):
    t = Labels(language)
    languages()
    staff = MembershipFactory(user__full_name="Marie Sow", user__preferred_language=language).user
    volunteer = VolunteerFactory(user__full_name="Awa Diallo", user__preferred_language=language)
    mission = MissionFactory(
        association=staff.memberships.get().association, title="Appui scolaire à Dakar"
    )
    application = ApplicationFactory(mission=mission, volunteer=volunteer)

    # The staff write from the application's page.
    page = new_page()
    log_in(page, t, staff.email)
    page.goto(f"/missions/manage/applications/{application.pk}/")
    page.audit()
    page.get_by_label(t.exact("Your message")).fill("Bonjour Awa,\nêtes-vous disponible jeudi ?")
    page.get_by_role("button", name=t("Send the message")).click()
    page.audit()
    assert page.get_by_text(t("Message sent. The other side is told at once.")).is_visible()
    log_out(page, t)

    # The volunteer sees the unread count, opens the conversation, reads and answers.
    page = new_page()
    log_in(page, t, volunteer.user.email)
    unread = t.plural("unread message", "unread messages", 1)
    notifications = page.get_by_role("link", name=re.compile(rf"^{t('Notifications')} 1 "))
    assert notifications.is_visible()
    page.get_by_role("link", name=t("My applications"), exact=True).first.click()
    page.audit()
    link = page.get_by_role("link", name=re.compile(rf"^{t('Messages and details')}.*1 {unread}$"))
    link.click()
    page.audit()
    assert page.get_by_text("êtes-vous disponible jeudi ?").is_visible()
    assert page.get_by_role("link", name=re.compile(rf"^{t('Notifications')}$")).is_visible()
    # The report page, reached without JavaScript, and back.
    page.get_by_role("link", name=re.compile(rf"^{t('Report')} ")).click()
    page.audit()
    assert page.get_by_role("heading", level=1).inner_text() == t("Report a message")
    page.get_by_role("link", name=t("Cancel")).click()
    page.audit()
    page.get_by_label(t.exact("Your message")).fill("Oui, jeudi à 10 h me convient.")
    page.get_by_role("button", name=t("Send the message")).click()
    page.audit()
    assert page.get_by_text("Oui, jeudi à 10 h me convient.").is_visible()
    log_out(page, t)

    # The staff see the answer, counted on their list first.
    page = new_page()
    log_in(page, t, staff.email)
    page.goto(f"/missions/manage/{mission.pk}/applications/")
    page.audit()
    page.get_by_role("link", name=f"1 {unread}").click()
    page.audit()
    assert page.get_by_text("Oui, jeudi à 10 h me convient.").is_visible()
    assert ApplicationMessage.objects.filter(application=application).count() == 2

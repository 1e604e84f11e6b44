"""An association registers, France Volontaires approves it in the admin (with its two-factor
code), and its administrator publishes a mission found in the public search.

Journeys 3 and 5 of issue 8, in French and in English.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from associations.models import Association
from missions.models import Mission
from tests.browser.helpers import (
    LANGUAGES,
    Labels,
    languages,
    last_link,
    log_in,
    log_out,
    open_account_menu,
)
from tests.factories import UserFactory
from vsi_portal.entitlements import add_months

pytestmark = pytest.mark.django_db(transaction=True)


def current_code(device: TOTPDevice) -> str:
    """The code the France Volontaires admin's authenticator app shows now."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return str(code).zfill(device.digits)


def pass_two_factor(page, t: Labels, device: TOTPDevice) -> None:
    """Types the authenticator's code when the portal asks for it (the admin requires it)."""
    if "/account/two-factor/" not in page.url:
        return
    assert page.get_by_role("heading", level=1).inner_text() == t("Two-factor code")
    page.get_by_label(t("Code from your authenticator app")).fill(current_code(device))
    page.get_by_role("button", name=t("Verify")).click()
    page.audit()


@pytest.mark.parametrize("language", LANGUAGES)
def test_association_is_registered_approved_and_publishes_a_mission(new_page, language):
    t = Labels(language)
    languages()
    founder = UserFactory(
        full_name="Nadia Benali", email="nadia@jardins.example.org", preferred_language=language
    )
    reviewer = UserFactory(
        full_name="Paul Agent",
        email="paul@france-volontaires.example.org",
        is_staff=True,
        is_superuser=True,
    )
    device = TOTPDevice.objects.create(user=reviewer, name="Phone", confirmed=True)
    mail.outbox.clear()

    # The founder registers the association.
    page = new_page()
    log_in(page, t, founder.email)
    page.get_by_role("link", name=t("For associations")).click()
    page.audit()
    page.get_by_role("link", name=t("Register an association")).click()
    page.audit()
    page.get_by_label(t.exact("name")).fill("Jardins du Mékong")
    page.get_by_label(t.exact("SIRET or RNA number")).fill("W751234567")
    page.get_by_label(t.exact("address")).fill("12 rue des Lilas\n75011 Paris")
    page.get_by_label(t.exact("contact e-mail")).fill("contact@jardins.example.org")
    page.get_by_label(t.exact("description")).fill(
        "Potagers scolaires et formation agricole au Cambodge et au Laos."
    )
    page.get_by_role("button", name=t("Register the association")).click()
    page.audit()
    association = Association.objects.get(name="Jardins du Mékong")
    assert association.status == "pending"
    assert page.get_by_role("heading", level=1).inner_text() == association.name
    log_out(page, t)

    # A France Volontaires admin approves it in the Django admin, after the two-factor code.
    admin = new_page()
    log_in(admin, t, reviewer.email)
    open_account_menu(admin)
    admin.get_by_role("link", name=t("Administration")).click()
    admin.audit()
    pass_two_factor(admin, t, device)
    assert "/admin/" in admin.url
    admin.locator("#content-main a[href$='/admin/associations/association/']").first.click()
    admin.audit()
    admin.get_by_role("link", name=association.name).click()
    admin.audit()
    admin.get_by_role("link", name=t("Approve"), exact=True).click()
    admin.audit()
    expiry = timezone.localdate() + timedelta(days=3 * 365)
    admin.get_by_label(t("Ministry approval reference")).fill("VSI-2026-0042")
    admin.get_by_label(t("Approval expires on")).fill(expiry.isoformat())
    admin.get_by_role("button", name=t("Approve"), exact=True).click()
    admin.audit()
    association.refresh_from_db()
    assert association.status == "approved"
    assert association.approval_reference == "VSI-2026-0042"

    # The founder receives the decision in their language and publishes a mission.
    decision = next(m for m in mail.outbox if founder.email in m.to)
    assert t("See where the association stands:") in decision.body
    page.goto(last_link(rf"/associations/{association.slug}/manage/", founder.email))
    page.audit()
    pass_two_factor(page, t, device)
    page.get_by_label(t.exact("Email")).fill(founder.email)
    page.get_by_label(t.exact("Password")).fill("correct-horse-battery-staple")
    page.get_by_role("button", name=t("Sign In")).click()
    page.audit()
    assert page.get_by_role("heading", level=1).inner_text() == association.name

    page.get_by_role("link", name=t("Association space")).first.click()
    page.audit()
    page.get_by_role("link", name=t("Manage missions and applications")).click()
    page.audit()
    page.get_by_role("link", name=t("New mission")).click()
    page.audit()
    start = timezone.localdate() + timedelta(days=60)
    page.get_by_label(t.exact("title")).fill("Potagers scolaires à Battambang")
    page.get_by_label(t.exact("summary")).fill("Créer des potagers dans cinq écoles.")
    page.get_by_label(t.exact("description")).fill(
        "Avec les enseignants, vous créez et animez des potagers scolaires."
    )
    page.get_by_label(t.exact("domain")).select_option("agriculture")
    page.get_by_label(t.exact("country")).select_option("KH")
    page.get_by_label(t.exact("city or region")).fill("Battambang")
    page.get_by_label(t.exact("planned start")).fill(start.isoformat())
    page.get_by_label(t.exact("planned end")).fill(
        (add_months(start, 12) - timedelta(days=1)).isoformat()
    )
    page.get_by_label(t.exact("monthly allowance (euros)")).fill("700")
    page.get_by_label(t.exact("application deadline")).fill(
        (start - timedelta(days=20)).isoformat()
    )
    page.get_by_role("button", name=t("Save the draft")).click()
    page.audit()
    assert page.get_by_text(t("Draft saved. Preview it, then publish it.")).is_visible()
    # Publishing asks first, in a dialog (vsi_portal/confirmation.py).
    page.get_by_role("link", name=t("Publish"), exact=True).click()
    page.get_by_role("dialog").get_by_role("button", name=t("Publish"), exact=True).click()
    page.audit()
    mission = Mission.objects.get(title="Potagers scolaires à Battambang")
    assert mission.status == "published" and mission.association == association
    log_out(page, t)

    # Anyone finds it in the public search.
    page.get_by_role("link", name=t("Find a mission")).first.click()
    page.audit()
    page.get_by_label(t.exact("Words")).fill("potagers Battambang")
    page.get_by_role("button", name=t("Search"), exact=True).click()
    page.audit()
    page.locator("main article").get_by_role("link", name=mission.title).click()
    page.audit()
    assert page.get_by_role("heading", level=1).inner_text() == mission.title
    assert page.get_by_role("link", name=association.name).is_visible()

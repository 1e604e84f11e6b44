"""A pending association attaches its ministry approval decision from "Edit the file", and
France Volontaires sees it first in the admin's review queue, with the decision attached, and
reads it from the association's review page (the issue 19 demo), at phone and desktop widths.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from associations.models import Association, AssociationDecision
from demo.pdf import sample_pdf
from tests.browser.helpers import LANGUAGES, Labels, languages, log_in, log_out
from tests.browser.test_association_journey import pass_two_factor
from tests.factories import AssociationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_pending_association_attaches_its_decision_and_france_volontaires_reads_it(
    new_page, language, tmp_path
):
    t = Labels(language)
    languages()
    association = AssociationFactory(
        name="Jardins du Mékong",
        status="pending",
        approval_reference="",
        approval_expires_on=None,
        address="5 quai de la Fosse\n44000 Nantes",
    )
    AssociationDecision.objects.create(
        association=association,
        action="register",
        to_status="pending",
        decided_at=timezone.now() - timedelta(days=12),
    )
    founder = MembershipFactory(
        association=association, role="admin", user__preferred_language=language
    ).user
    reviewer = UserFactory(is_staff=True, is_superuser=True, preferred_language=language)
    device = TOTPDevice.objects.create(user=reviewer, name="Phone", confirmed=True)
    decision_pdf = tmp_path / "decision-agrement.pdf"
    decision_pdf.write_bytes(sample_pdf("Decision d'agrement"))

    # The association's administrator, on a phone, attaches the decision.
    page = new_page()
    log_in(page, t, founder.email)
    page.set_viewport_size(PHONE)
    page.goto(f"/associations/{association.slug}/manage/")
    page.audit()
    assert page.get_by_text(
        t("France Volontaires needs the ministry approval decision to review the file: attach it.")
    ).is_visible()
    page.get_by_role("link", name=t("Attach or replace a document")).click()
    page.audit()
    page.get_by_label(t("Ministry approval reference")).fill("VSI-2026-0112")
    page.get_by_label(t("Ministry approval decision")).set_input_files(str(decision_pdf))
    page.get_by_role("button", name=t("Save")).click()
    page.audit()
    assert page.get_by_role("link", name="decision-agrement.pdf").is_visible()
    association.refresh_from_db()
    assert association.approval_reference == "VSI-2026-0112"
    page.set_viewport_size({"width": 1280, "height": 900})
    log_out(page, t)

    # France Volontaires' admin opens on the queue: the association first, decision attached.
    admin = new_page()
    log_in(admin, t, reviewer.email)
    admin.goto("/admin/")
    admin.audit()
    pass_two_factor(admin, t, device)
    admin.audit()
    row = admin.locator("#review-queue tbody tr").first
    assert association.name in row.inner_text()
    assert t("decision attached") in row.inner_text()
    row.get_by_role("link", name=association.name).click()
    admin.audit()
    with admin.expect_download() as download:
        admin.get_by_role("link", name="decision-agrement.pdf").click()
    assert download.value.suggested_filename == "decision-agrement.pdf"
    assert Association.objects.get(pk=association.pk).documents.count() == 1

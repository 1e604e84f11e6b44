"""Staff take an application to a contract both sides sign (staff offer it, the volunteer
signs, staff sign), through departure to an early end; the volunteer follows it in their
space and both download the certificate.

Journey 4 of issue 8. The mission starts today, so the contract can get under way now; the
association then records an early end with one month's notice, which issues the certificate.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from demo.pdf import sample_pdf
from missions.models import Application, Contract
from missions.services.search import missions_reindex
from tests.browser.helpers import Labels, languages, log_in
from tests.factories import (
    ApplicationFactory,
    MembershipFactory,
    MissionFactory,
    UserFactory,
    VolunteerFactory,
)
from volunteers.models import Document
from volunteers.services import document_upload
from vsi_portal.entitlements import add_months, earliest_end_after_notice

pytestmark = pytest.mark.django_db(transaction=True)


def _download_pdf(page, link) -> bytes:
    with page.expect_download() as download:
        link.click()
    content = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename.endswith(".pdf")
    assert content.startswith(b"%PDF-"), content[:20]
    return content


def test_staff_sign_run_and_end_a_contract_and_both_download_the_certificate(new_page):
    t = Labels("fr")
    languages()
    today = timezone.localdate()
    staff = MembershipFactory(
        user=UserFactory(full_name="Claire Martin", email="claire@terres.example.org"),
        association__name="Terres d'Afrique",
    )
    mission = MissionFactory(
        association=staff.association,
        title="Maraîchage solidaire à Kaolack",
        start_on=today,
        end_on=add_months(today, 12) - timedelta(days=1),
        application_deadline=today - timedelta(days=10),
    )
    missions_reindex()
    volunteer = VolunteerFactory(
        user=UserFactory(full_name="Sarah Lemoine", email="sarah@example.org")
    )
    document_upload(
        volunteer=volunteer,
        kind=Document.Kind.CRIMINAL_RECORD,
        upload=SimpleUploadedFile("casier.pdf", sample_pdf("Extrait"), "application/pdf"),
    )
    application = ApplicationFactory(mission=mission, volunteer=volunteer)

    # Staff review the application.
    desk = new_page()
    log_in(desk, t, staff.user.email)
    desk.get_by_role("link", name=t("Association space")).first.click()
    desk.audit()
    desk.get_by_role("link", name=t("Manage missions and applications")).click()
    desk.audit()
    desk.get_by_role("link", name=f"{t('Applications')} {mission.title}").click()
    desk.audit()
    desk.get_by_role("link", name="Sarah Lemoine").first.click()
    desk.audit()
    assert desk.get_by_role("heading", level=1).inner_text() == t(
        "Application of %(name)s", name="Sarah Lemoine"
    )
    desk.get_by_role("button", name=t("Shortlist")).click()
    desk.audit()
    desk.get_by_role("button", name=t("Accept"), exact=True).click()
    desk.audit()
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED

    # Staff prepare the contract and offer it.
    desk.get_by_role("link", name=t("Prepare the contract")).click()
    desk.audit()
    desk.get_by_label(t.exact("Start")).fill(today.isoformat())
    desk.get_by_label(t.exact("Planned end")).fill(mission.end_on.isoformat())
    desk.get_by_role("button", name=t("Prepare the draft")).click()
    desk.audit()
    contract = Contract.objects.get(application=application)
    assert contract.status == Contract.Status.DRAFT
    desk.get_by_role("button", name=t("Offer it to the volunteer")).click()
    desk.audit()
    contract.refresh_from_db()
    assert contract.status == Contract.Status.OFFERED

    # The volunteer reads the offer and signs it with their name.
    inbox = new_page()
    log_in(inbox, t, volunteer.user.email)
    inbox.get_by_role("link", name=t("My space")).click()
    inbox.audit()
    inbox.get_by_role("link", name=t("My VSI: contract, leave, end-of-mission aids")).click()
    inbox.audit()
    inbox.get_by_role("link", name=mission.title).first.click()
    inbox.audit()
    assert inbox.get_by_test_id("contract-todo").is_visible()
    inbox.get_by_role("link", name=t("Read and sign"), exact=True).click()
    inbox.audit()
    inbox.get_by_label(t("Your full name")).fill("sarah lemoine")
    inbox.get_by_label(t("I have read the contract and accept it")).check()
    inbox.get_by_role("button", name=t("Sign"), exact=True).click()
    inbox.audit()
    contract.refresh_from_db()
    assert contract.status == Contract.Status.VOLUNTEER_SIGNED

    # The association signs last.
    desk.reload()
    desk.get_by_role("link", name=t("Sign for the association")).click()
    desk.audit()
    desk.get_by_label(t("Your full name")).fill("Claire Martin")
    desk.get_by_label(t("Your role in the association")).fill("Présidente")
    desk.get_by_label(t("I have read the contract and accept it")).check()
    desk.get_by_role("button", name=t("Sign the contract")).click()
    desk.audit()
    contract.refresh_from_db()
    assert contract.status == Contract.Status.PLANNED

    # Its departure checklist, the departure.
    checklist = desk.get_by_role("region", name=t("Departure checklist"))
    checklist.get_by_label(t("No entry")).check()
    checklist.get_by_role("button", name=t("Record the check (the file is then deleted)")).click()
    desk.audit()
    checklist = desk.get_by_role("region", name=t("Departure checklist"))
    checklist.get_by_label(t("Social security affiliation date")).fill(today.isoformat())
    checklist.get_by_label(t("Insurance policy reference")).fill("MAIF-2026-118")
    checklist.get_by_label(t("Pre-departure training completed on")).fill(
        (today - timedelta(days=7)).isoformat()
    )
    checklist.get_by_role("button", name=t("Save the checklist")).click()
    desk.audit()
    assert desk.get_by_text(t("The departure checklist is complete.")).is_visible()
    desk.get_by_role("button", name=t("Mark the contract as under way")).click()
    desk.audit()
    contract.refresh_from_db()
    assert contract.status == Contract.Status.ACTIVE
    assert contract.criminal_record_checked_on == today

    # The volunteer sees the contract, the leave and the aids.
    home = new_page()
    log_in(home, t, volunteer.user.email)
    home.get_by_role("link", name=t("My space")).click()
    home.audit()
    home.get_by_role("link", name=t("My VSI: contract, leave, end-of-mission aids")).click()
    home.audit()
    assert home.get_by_role("heading", name=t("My current contract")).is_visible()
    assert home.get_by_text(mission.title).first.is_visible()
    assert home.get_by_test_id("leave-days").inner_text() == t.plural(
        "This contract gives you %(days)s day of leave, with your full allowance.",
        "This contract gives you %(days)s days of leave, with your full allowance.",
        24,
        days=24,
    )
    assert (
        home.get_by_test_id("state-aids")
        .inner_text()
        .startswith(
            t(
                "Your contract lasts at least 12 months: it opens the State aids at the end "
                "(resettlement allowance, insertion premium under conditions)."
            )[:40]
        )
    )
    home.get_by_role("link", name=t("See my contract")).click()
    home.audit()

    # Staff end it early with one month's notice: the certificate is issued.
    end = earliest_end_after_notice(today)
    ending = desk.get_by_role("region", name=t("End the contract early"))
    ending.get_by_label(t("Notice given on")).fill(today.isoformat())
    ending.get_by_label(t("Last day of the contract")).fill(end.isoformat())
    ending.get_by_label(t.exact("Reason")).select_option("volunteer")
    ending.get_by_role("button", name=t("Record the early end")).click()
    desk.audit()
    contract.refresh_from_db()
    assert contract.status == Contract.Status.ENDED_EARLY and contract.ended_on == end
    staff_pdf = _download_pdf(
        desk, desk.get_by_role("link", name=f"{contract.certificate_number} (PDF)", exact=False)
    )

    home.reload()
    home.audit()
    volunteer_pdf = _download_pdf(
        home, home.get_by_role("link", name=f"{contract.certificate_number} (PDF)", exact=False)
    )
    assert len(staff_pdf) > 500 and len(volunteer_pdf) > 500

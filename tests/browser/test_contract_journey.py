"""Staff take an application to a contract both sides sign (staff offer it, the volunteer
signs, staff sign; both download its PDF), through departure to an early end; the
volunteer follows it in their space, both download the certificate, anyone checks it.

Journey 4 of issue 8. The mission starts today, so the contract can get under way now; the
association then gives one month's notice: the contract runs until its last day, the daily
job ends it the day after (time travels there), and staff issue the certificate, whose code
checks out on the public page.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from demo.pdf import sample_pdf
from missions.certificate import format_certificate_code
from missions.models import Application, Contract
from missions.services.search import missions_reindex
from missions.tasks import end_contracts_due
from tests.browser.helpers import Labels, languages, log_in
from tests.factories import (
    ApplicationFactory,
    MembershipFactory,
    MissionFactory,
    UserFactory,
    VolunteerFactory,
)
from tests.missions.pdf_text import pdf_text
from volunteers.models import Document
from volunteers.services import document_upload
from vsi_portal.entitlements import add_months, earliest_end_after_notice
from vsi_portal.formats import format_day

pytestmark = pytest.mark.django_db(transaction=True)
PARIS = ZoneInfo("Europe/Paris")


def _download_pdf(page, link) -> bytes:
    with page.expect_download() as download:
        link.click()
    content = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename.endswith(".pdf")
    assert content.startswith(b"%PDF-"), content[:20]
    return content


def _still_signed_in(page, t, email: str, path: str) -> None:
    """Opens ``path`` signed in: a month later the session may have expired (database
    sessions expire by the travelled clock; the Redis cache's keys by the real one)."""
    page.goto(path)
    if page.get_by_role("link", name=t("Log in"), exact=True).count():
        log_in(page, t, email, start=path)
        page.goto(path)
    page.audit()


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

    # Both sides download the signed contract, with both signatures on it.
    for page in (desk, inbox):
        page.reload()
        documents = page.get_by_role("region", name=t("The contract document"))
        signed = pdf_text(_download_pdf(page, documents.get_by_role("link").first))
        assert "Sarah Lemoine" in signed and "Claire Martin" in signed
        assert "Projet" not in signed

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
    assert home.get_by_test_id("leave-left").inner_text() == "24"
    assert (
        home.get_by_test_id("state-aids")
        .inner_text()
        .startswith(
            t(
                "Your contract is planned for at least 12 months: it opens the State aids at "
                "the end (resettlement allowance, insertion premium under conditions)."
            )[:40]
        )
    )
    home.get_by_role("link", name=t("See my contract")).click()
    home.audit()

    # Staff give one month's notice: the contract goes on until its last day.
    end = earliest_end_after_notice(today)
    desk.get_by_role("link", name=t("Give notice of an early end")).click()
    desk.audit()
    desk.get_by_label(t("Notice given on")).fill(today.isoformat())
    desk.get_by_label(t("Last day of the contract")).fill(end.isoformat())
    desk.get_by_label(t.exact("Reason")).select_option("volunteer")
    desk.get_by_role("button", name=t("Record the notice")).click()
    desk.audit()
    contract.refresh_from_db()
    assert contract.status == Contract.Status.ACTIVE and contract.ended_on == end
    with translation.override("fr"):
        running = t(
            "Ends on %(end)s (notice given on %(notice)s by %(side)s, reason: %(reason)s)",
            end=format_day(end),
            notice=format_day(today),
            side=str(Contract.Side.ASSOCIATION.label),
            reason=str(Contract.EndReason.VOLUNTEER_DECISION.label),
        )
    ending = desk.get_by_role("region", name=t("End of the contract"))
    assert ending.get_by_text(running).is_visible()
    assert not ending.get_by_role("link", name=t("Issue the certificate")).count()
    home.reload()
    home.audit()
    assert home.get_by_text(running).first.is_visible()

    # The day after the last day, the daily job ends it; staff issue the certificate.
    with time_machine.travel(datetime.combine(end + timedelta(days=1), time(9), PARIS)):
        assert end_contracts_due() == 1
        _still_signed_in(desk, t, staff.user.email, f"/missions/manage/contracts/{contract.pk}/")
        desk.get_by_role("link", name=t("Issue the certificate")).click()
        desk.audit()
        assert desk.get_by_label(t("Signed by (full name)")).input_value() == "Claire Martin"
        desk.get_by_label(t("Made at (city)")).fill("Lyon")
        desk.get_by_label(t.exact("Signatory's role")).fill("Présidente")
        desk.get_by_role("button", name=t("Issue the certificate")).click()
        desk.audit()
        contract.refresh_from_db()
        assert contract.status == Contract.Status.ENDED_EARLY and contract.certificate_code
        staff_pdf = _download_pdf(
            desk, desk.get_by_role("link", name=f"{contract.certificate_number} (PDF)", exact=False)
        )
        _still_signed_in(home, t, volunteer.user.email, f"/missions/my-contracts/{contract.pk}/")
        volunteer_pdf = _download_pdf(
            home,
            home.get_by_role("link", name=t("Download my certificate of completion (PDF)")),
        )
    assert len(staff_pdf) > 500 and len(volunteer_pdf) > 500

    # Anyone checks the certificate's code on the public page.
    public = new_page()
    public.goto("/certificates/verify/")
    public.audit()
    public.get_by_label(t("Verification code")).fill(
        format_certificate_code(contract.certificate_code).lower()
    )
    public.get_by_role("button", name=t("Check"), exact=True).click()
    public.audit()
    result = public.get_by_test_id("verification-result")
    assert result.get_by_text("Sarah Lemoine").is_visible()
    assert result.get_by_text("Terres d'Afrique").is_visible()

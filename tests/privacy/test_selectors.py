"""The data export (`privacy.selectors`): data.json's sections, in their order, and the files."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.utils import timezone

from missions.models import ApplicationEvent
from privacy import selectors
from tests.factories import (
    ApplicationFactory,
    MembershipFactory,
    MissionFactory,
    UserFactory,
    VolunteerFactory,
)
from tests.missions.engagement import contract_for
from tests.volunteers.factories import PriorMissionFactory, document
from volunteers import services as volunteer_services

pytestmark = pytest.mark.django_db


def test_export_holds_applications_with_their_history():
    volunteer = VolunteerFactory()
    application = ApplicationFactory(volunteer=volunteer, motivation="J’aime enseigner.")
    ApplicationEvent.objects.create(
        application=application, to_status="submitted", by=volunteer.user
    )
    data = selectors.export_data(volunteer.user)
    (exported,) = data["applications"]
    assert exported["mission"] == application.mission.title
    assert exported["association"] == application.mission.association.name
    assert exported["status"] == "submitted"
    assert exported["motivation"] == "J’aime enseigner."
    assert exported["history"][0]["to"] == "submitted"
    assert exported["history"][0]["by_you"] is True


def test_export_holds_the_contracts_facts():
    volunteer = VolunteerFactory()
    contract = contract_for(
        volunteer,
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        status="completed",
        insurance_reference="AXA-1",
        certificate_number="VSI-2026-000001",
        certificate_issued_at=timezone.now(),
    )
    (exported,) = selectors.export_data(volunteer.user)["contracts"]
    assert exported["mission"] == contract.mission.title
    assert exported["start"] == "2025-01-01"
    assert exported["planned_end"] == "2025-12-31"
    assert exported["monthly_allowance_eur"] == contract.allowance_eur
    assert exported["insurance_reference"] == "AXA-1"
    assert exported["days_served"] == 365
    assert exported["certificate_number"] == "VSI-2026-000001"
    json.dumps(exported)  # JSON-ready


def test_export_leaves_out_other_volunteers_applications():
    ApplicationFactory()
    assert selectors.export_data(VolunteerFactory().user)["applications"] == []


# --- data.json: its format, its sections and their keys -------------------------------------

PROFILE_KEYS = [
    "birth_date",
    "nationalities",
    "residence",
    "employed",
    "leave_kind",
    "leave_start",
    "leave_end",
    "other_activity",
    "public_official",
    "languages",
    "skills",
    "domains_of_interest",
    "countries_of_interest",
    "available_from",
    "presentation",
    "phone",
    "updated_at",
]
APPLICATION_KEYS = [
    "mission",
    "mission_url",
    "association",
    "status",
    "submitted_at",
    "decided_at",
    "motivation",
    "rejection_reason",
    "withdrawal_reason",
    "message_from_association",
    "history",
    "messages",
]
CONTRACT_KEYS = [
    "mission",
    "association",
    "country",
    "start",
    "planned_end",
    "monthly_allowance_eur",
    "status",
    "signed_at",
    "criminal_record_checked_on",
    "criminal_record_outcome",
    "social_security_affiliated_on",
    "insurance_reference",
    "training_completed_on",
    "started_at",
    "notice_given_on",
    "ended_on",
    "end_reason",
    "end_explanation",
    "compelling_reason",
    "days_served",
    "leave_days_taken",
    "certificate_issued_at",
    "certificate_number",
    "insertion_premium_requested_on",
    "versions",
]

VERSION_KEYS = [
    "number",
    "status",
    "start",
    "planned_end",
    "monthly_allowance_eur",
    "changes",
    "offered_at",
    "signed_by_you_at",
    "your_signature",
    "signed_by_the_association_at",
    "association_signature",
    "association_signatory_role",
    "declined_at",
    "decline_reason",
    "decline_note",
]


def test_a_volunteers_export_keeps_its_sections_in_order():
    volunteer = VolunteerFactory()
    data = selectors.export_data(volunteer.user)
    assert list(data) == [
        "format",
        "account",
        "profile",
        "prior_missions",
        "documents",
        "saved_missions",
        "vsi_days_served",
        "applications",
        "contracts",
        "saved_searches",
    ]
    assert data["format"] == "vsi-portal-export/1"


def test_an_account_without_a_profile_exports_its_account_and_empty_sections():
    user = UserFactory()
    data = selectors.export_data(user)
    assert data == {
        "format": "vsi-portal-export/1",
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": None,
        },
        "profile": None,
        "prior_missions": [],
        "documents": [],
        "saved_missions": [],
    }


def test_every_section_keeps_its_keys():
    volunteer = VolunteerFactory()
    PriorMissionFactory(volunteer=volunteer)
    document(volunteer)
    application = ApplicationFactory(volunteer=volunteer)
    ApplicationEvent.objects.create(application=application, to_status="submitted")
    contract_for(volunteer, start=date(2025, 1, 1), end=date(2025, 12, 31), status="completed")
    data = selectors.export_data(volunteer.user)
    assert list(data["profile"]) == PROFILE_KEYS
    assert list(data["prior_missions"][0]) == ["association", "country", "start", "end"]
    assert list(data["documents"][0]) == [
        "kind",
        "original_name",
        "content_type",
        "size",
        "uploaded_at",
        "checked_at",
        "outcome",
        "file_in_export",
    ]
    assert list(data["applications"][0]) == APPLICATION_KEYS
    assert list(data["applications"][0]["history"][0]) == [
        "at",
        "from",
        "to",
        "reason",
        "message",
        "by_you",
    ]
    # The contract's own application is exported too.
    assert len(data["applications"]) == 2
    assert list(data["contracts"][0]) == CONTRACT_KEYS
    json.dumps(data)  # JSON-ready


def test_export_files_are_the_documents_that_still_have_a_file():
    volunteer = VolunteerFactory()
    cv = document(volunteer, name="Mon CV.pdf")
    extract = document(volunteer, kind="criminal_record")
    volunteer_services.criminal_record_mark_checked(
        document=extract, by=MembershipFactory().user, outcome="clear"
    )
    files = selectors.export_files(volunteer.user)
    assert [(name, file.name) for name, file in files] == [
        ("documents/cv-Mon CV.pdf", cv.file.name)
    ]


def test_an_account_without_a_profile_has_no_export_files():
    assert selectors.export_files(UserFactory()) == []


def test_saved_missions_link_to_the_mission_page(settings):
    volunteer = VolunteerFactory()
    mission = MissionFactory()
    volunteer.saved.create(mission=mission)
    (saved,) = selectors.export_data(volunteer.user)["saved_missions"]
    assert saved["url"] == settings.SITE_URL + mission.get_absolute_url()

from __future__ import annotations

from datetime import date

import pytest

from demo import volunteers as demo_volunteers
from demo.accounts import DemoReport
from missions.selectors.candidates import candidate_for, volunteer_ledger
from volunteers.models import Document, Volunteer
from volunteers.selectors import volunteer_missing_facts
from vsi_portal.entitlements import age_on

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def _load() -> DemoReport:
    report = DemoReport()
    demo_volunteers.load(today=TODAY, report=report)
    return report


def _volunteer(email: str) -> Volunteer:
    return Volunteer.objects.get(user__email=email)


def test_demo_is_idempotent_and_prints_every_login():
    first = _load()
    _load()
    assert Volunteer.objects.count() == 8
    assert Document.objects.count() == 1
    assert len({email for _role, email, _note in first.logins}) == 8


def test_demo_profiles_are_complete_except_one():
    _load()
    incomplete = [v.user.email for v in Volunteer.objects.all() if volunteer_missing_facts(v)]
    assert incomplete == ["hugo.bernard@example.org"]
    for volunteer in Volunteer.objects.exclude(user__email__in=incomplete):
        assert candidate_for(volunteer) is not None


def test_demo_has_the_promised_situations():
    _load()
    assert volunteer_ledger(_volunteer("sophie.laurent@example.org")).days_served == 1461
    assert age_on(_volunteer("chloe.petit@example.org").birth_date, TODAY) == 19
    marc = _volunteer("marc.dubois@example.org")
    assert marc.employed and marc.leave_kind == "solidarity" and marc.leave_start > TODAY
    awa = _volunteer("awa.diop@example.org")
    assert [c.code for c in awa.nationalities] == ["SN"] and awa.residence.code == "SN"


def test_demo_cv_is_a_valid_stored_pdf():
    _load()
    cv = Document.objects.get()
    assert cv.volunteer.user.email == "lea.martin@example.org"
    with cv.file.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")

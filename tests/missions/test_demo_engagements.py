"""The demo's applications and contracts: every status and state, dated from today."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from missions.certificate import certificate_pdf
from missions.models import Application, ApplicationEvent, Contract
from missions.selectors.candidates import candidate_for, mission_contract
from volunteers.selectors import criminal_record_document
from vsi_portal.demo import load_demo
from vsi_portal.eligibility import check

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def demo(today):
    load_demo(today=today)
    return today


def test_the_demo_is_idempotent(demo):
    counts = (
        Application.objects.count(),
        ApplicationEvent.objects.count(),
        Contract.objects.count(),
    )
    load_demo(today=demo)
    assert counts == (
        Application.objects.count(),
        ApplicationEvent.objects.count(),
        Contract.objects.count(),
    )


def test_applications_in_every_status_with_their_history(demo):
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses == set(Application.Status.values)
    assert Application.objects.filter(status="rejected").exclude(rejection_reason="").exists()
    assert Application.objects.filter(status="withdrawn").exclude(withdrawal_reason="").exists()
    for application in Application.objects.all():
        events = list(application.events.all())
        assert events[0].to_status == "submitted"
        assert events[-1].to_status == application.status


def test_contracts_in_every_state_dated_for_todays_reminders(demo):
    today = demo
    contracts = Contract.objects.all()
    assert set(contracts.values_list("status", flat=True)) == set(Contract.Status.values)
    planned = contracts.get(status="planned", start_on=today + timedelta(days=30))
    assert criminal_record_document(planned.volunteer).has_file
    assert planned.criminal_record_checked_on is None
    ends = set(contracts.filter(status="active").values_list("end_on", flat=True))
    assert {today + timedelta(days=14), today + timedelta(days=60), today} <= ends
    completed = contracts.get(status="completed")
    assert completed.end_on == today - timedelta(days=1)
    assert completed.certificate_number
    ended = contracts.get(status="ended_early")
    assert ended.ended_on < ended.end_on and ended.certificate_number
    certificate_pdf(ended)


def test_the_submitted_demo_application_can_become_a_contract(demo):
    """Léa's application is eligible today: the live journey of the demo works."""
    application = Application.objects.get(
        volunteer__user__email="lea.martin@example.org", status="submitted"
    )
    candidate = candidate_for(application.volunteer)
    assert check(candidate, mission_contract(application.mission)).eligible


def test_demo_staff_and_volunteers_open_their_pages(client, demo):
    contract = Contract.objects.get(status="completed")
    client.force_login(contract.volunteer.user)
    assert client.get(reverse("missions:my_applications")).status_code == 200
    assert (
        client.get(reverse("missions:my_contract", kwargs={"pk": contract.pk})).status_code == 200
    )
    staff = contract.association.memberships.first().user
    client.force_login(staff)
    for each in Contract.objects.filter(association=contract.association):
        url = reverse("missions:contract_detail", kwargs={"pk": each.pk})
        assert client.get(url).status_code == 200

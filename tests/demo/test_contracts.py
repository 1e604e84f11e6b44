"""The demo's contracts: every state, dated from today."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from missions.certificate import certificate_pdf
from missions.models import Contract
from volunteers.selectors import criminal_record_document

pytestmark = pytest.mark.django_db


def test_contracts_in_every_state_dated_for_todays_reminders(demo):
    today = demo
    contracts = Contract.objects.all()
    assert set(contracts.values_list("status", flat=True)) >= set(Contract.SIGNED_STATUSES)
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

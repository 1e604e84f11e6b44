"""The demo's contracts: every state, dated from today."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from demo.content import read
from missions.certificate import certificate_pdf
from missions.models import Contract, ContractVersion
from missions.selectors.approval import approval_warnings_for_staff
from notifications.models import Notification
from volunteers.selectors import criminal_record_document
from vsi_portal.entitlements import earliest_end_after_notice

pytestmark = pytest.mark.django_db


def _engagements():
    """The contracts of engagements.toml (data/history.toml's year of activity aside)."""
    slugs = [spec["mission"]["slug"] for spec in read("engagements")["contract"]]
    return Contract.objects.filter(mission__slug__in=slugs)


def test_contracts_in_every_state_dated_for_todays_reminders(demo):
    today = demo
    contracts = _engagements()
    assert set(contracts.values_list("status", flat=True)) == set(Contract.Status.values)
    planned = contracts.get(status="planned", start_on=today + timedelta(days=30))
    assert criminal_record_document(planned.volunteer).has_file
    assert planned.criminal_record_checked_on is None
    ends = set(contracts.filter(status="active", ended_on=None).values_list("end_on", flat=True))
    assert {today + timedelta(days=14), today + timedelta(days=60), today} <= ends
    completed = contracts.get(status="completed", end_on=today - timedelta(days=1))
    assert completed.certificate_number
    ended = contracts.get(status="ended_early")
    assert ended.ended_on < ended.end_on and ended.certificate_number
    certificate_pdf(ended)


def test_demo_staff_and_volunteers_open_their_pages(client, demo):
    contract = _engagements().get(status="completed", end_on=demo - timedelta(days=1))
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


def test_a_running_contract_has_notice_given_and_its_last_day_ahead(demo):
    today = demo
    running = Contract.objects.get(status="active", notice_given_on__isnull=False)
    assert running.notice_side == Contract.Side.VOLUNTEER
    assert running.notice_given_on == today - timedelta(days=10)
    assert running.ended_on == earliest_end_after_notice(running.notice_given_on) > today
    assert running.certificate_code is None


def test_an_offer_waits_for_the_volunteers_signature(client, demo):
    offered = Contract.objects.get(status="offered")
    assert offered.versions.get().status == ContractVersion.Status.OFFERED
    client.force_login(offered.volunteer.user)
    url = reverse("missions:my_contract_sign", kwargs={"pk": offered.pk})
    assert client.get(url).status_code == 200


def test_a_contract_signed_by_the_volunteer_waits_for_the_association(client, demo):
    waiting = Contract.objects.get(status="volunteer_signed")
    version = waiting.versions.get()
    assert version.volunteer_signature == waiting.volunteer.user.full_name
    staff = waiting.association.memberships.get(role="admin").user
    client.force_login(staff)
    url = reverse("missions:contract_sign", kwargs={"pk": waiting.pk})
    assert client.get(url).status_code == 200


def test_the_associations_expiring_approval_is_warned_of_with_the_waiting_contract(demo):
    waiting = Contract.objects.get(status="volunteer_signed")
    staff = waiting.association.memberships.get(role="admin").user
    [warning] = approval_warnings_for_staff(staff, today=demo)
    assert waiting in warning.contracts


def test_a_declined_offer_withdrew_its_application(demo):
    declined = Contract.objects.get(status="declined")
    assert declined.application.status == "withdrawn"
    assert declined.versions.get().decline_reason == "dates"


def test_completed_and_ended_contracts_have_a_certificate_code(demo):
    for contract in Contract.objects.filter(status__in=["completed", "ended_early"]):
        assert contract.certificate_code


def test_the_in_app_notices_are_dated_from_the_steps_that_wrote_them(demo):
    # The demo dates each step at a whole hour of its day; a notice left dated "now" would
    # carry the minutes and seconds of the load.
    for notice in Notification.objects.all():
        assert (notice.created_at.minute, notice.created_at.second) == (0, 0), notice.title


def test_demo_my_vsi_shows_a_declared_mission_a_completed_contract_and_leave_taken(client, demo):
    user = Contract.objects.get(mission__slug="sante-maternelle-parakou").volunteer.user
    client.force_login(user)
    vsi = client.get(reverse("volunteers:my_vsi")).context["vsi"]
    assert [entry.declared for entry in vsi.chronological] == [True, False, False]
    assert vsi.current.leave_days_taken == 10
    assert vsi.current.leave_days_left == vsi.current.leave_days - 10
    assert vsi.ended.pension_quarters
    assert vsi.ended.premium_days_left > 0
    assert vsi.picture is not None

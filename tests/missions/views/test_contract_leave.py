"""The staff record the days of leave a volunteer has taken (views/contracts.py): POST only,
administrators of the contract's association only (404 for anyone else), bounded by what
the contract gives; the volunteer's My VSI shows what is left."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ContractFactory, MembershipFactory, UserFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(association):
    # 12 months date-to-date: 24 days of leave.
    return ContractFactory(
        application__mission__association=association,
        start_on=date(2026, 1, 1),
        end_on=date(2026, 12, 31),
        status="active",
    )


def _url(contract) -> str:
    return reverse("missions:contract_leave_taken", kwargs={"pk": contract.pk})


def _post(client, user, contract, days):
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client.post(_url(contract), {"leave_days_taken": days})


def test_administrator_records_the_days_taken(client, contract, staff):
    response = _post(client, staff, contract, 10)
    assert response.status_code == 302
    assert response["Location"] == reverse("missions:contract_detail", kwargs={"pk": contract.pk})
    contract.refresh_from_db()
    assert contract.leave_days_taken == 10
    page = client.get(response["Location"]).content.decode()
    assert "Leave taken saved." in page
    assert "Left: 14 days." in page


def test_the_whole_entitlement_may_be_recorded(client, contract, staff):
    _post(client, staff, contract, 24)
    contract.refresh_from_db()
    assert contract.leave_days_taken == 24


def test_more_than_the_entitlement_is_refused_with_the_bound(client, contract, staff):
    response = _post(client, staff, contract, 25)
    assert response.status_code == 400
    assert "At most 24: the days of leave this contract gives." in response.content.decode()
    contract.refresh_from_db()
    assert contract.leave_days_taken == 0


def test_a_negative_number_is_refused(client, contract, staff):
    response = _post(client, staff, contract, -1)
    assert response.status_code == 400
    contract.refresh_from_db()
    assert contract.leave_days_taken == 0


def test_a_contract_under_6_months_takes_no_leave(client, association, staff):
    short = ContractFactory(
        application__mission__association=association,
        start_on=date(2026, 1, 1),
        end_on=date(2026, 5, 31),
        status="active",
    )
    response = _post(client, staff, short, 1)
    assert response.status_code == 400
    short.refresh_from_db()
    assert short.leave_days_taken == 0


def test_a_planned_contract_takes_no_leave_yet(client, association, staff):
    planned = ContractFactory(
        application__mission__association=association,
        start_on=date(2030, 1, 1),
        end_on=date(2030, 12, 31),
    )
    response = _post(client, staff, planned, 2)
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.leave_days_taken == 0
    assert "once the contract is under way" in client.get(response["Location"]).content.decode()


def test_recording_leave_is_post_only(client, contract, staff):
    client.force_login(staff)
    assert client.get(_url(contract)).status_code == 405


def test_recording_leave_needs_a_login(client, contract):
    response = client.post(_url(contract), {"leave_days_taken": 3})
    assert response.status_code == 302
    assert "/login" in response["Location"]


@pytest.mark.parametrize("who", ["editor", "other_staff", "the_volunteer", "outsider"])
def test_anyone_but_an_administrator_gets_404(client, contract, who):
    user = {
        "editor": lambda: MembershipFactory(association=contract.association, role="editor").user,
        "other_staff": lambda: MembershipFactory().user,
        "the_volunteer": lambda: contract.volunteer.user,
        "outsider": lambda: UserFactory(),
    }[who]()
    response = _post(client, user, contract, 3)
    assert response.status_code == 404
    contract.refresh_from_db()
    assert contract.leave_days_taken == 0


def test_editor_reads_the_leave_without_the_form(client, contract):
    editor = MembershipFactory(association=contract.association, role="editor").user
    client.force_login(editor)
    response = client.get(reverse("missions:contract_detail", kwargs={"pk": contract.pk}))
    html = response.content.decode()
    assert 'data-testid="contract-leave"' in html
    assert _url(contract) not in html


def test_volunteer_sees_the_days_taken_and_left_on_my_vsi(client, staff):
    volunteer = VolunteerFactory(user__preferred_language="en")
    today = timezone.localdate()
    running = ContractFactory(
        application__volunteer=volunteer,
        application__mission__association=MembershipFactory(user=staff).association,
        start_on=date(today.year - 1, today.month, 1),
        end_on=date(today.year + 1, today.month, 1),
        status="active",
    )
    _post(client, staff, running, 7)
    client.force_login(volunteer.user)
    current = client.get(reverse("volunteers:my_vsi")).context["vsi"].current
    assert (current.leave_days_taken, current.leave_days_left) == (7, current.leave_days - 7)

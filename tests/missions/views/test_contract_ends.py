"""The end of a contract on its pages, with time frozen: notice by the association or the
volunteer, the contract running until its last day, the daily job on the day after, the
certificate issued then and downloaded by both sides; withdrawals; completion; outsiders."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from missions.models import Contract
from missions.services.contract_ends import contract_give_notice
from missions.tasks import end_contracts_due
from tests.factories import ContractFactory, MembershipFactory, VolunteerFactory
from vsi_portal.entitlements import earliest_end_after_notice

pytestmark = pytest.mark.django_db

START, END = date(2030, 1, 1), date(2030, 12, 31)
NOTICE = date(2030, 3, 10)
LAST_DAY = earliest_end_after_notice(NOTICE)  # 10 April 2030
PARIS = ZoneInfo("Europe/Paris")


def on(day: date):
    """Time frozen at noon, Paris time, on ``day``."""
    return time_machine.travel(datetime(day.year, day.month, day.day, 12, tzinfo=PARIS), tick=False)


@pytest.fixture(autouse=True)
def _english(client, settings):
    """Pages in English (the switcher's cookie), and the services' words too."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def contract(association, staff):
    association.city = "Lyon"
    association.save(update_fields=["city"])
    staff.full_name = "Anne Dupuis"
    staff.save(update_fields=["full_name"])
    volunteer = VolunteerFactory(user__full_name="Léa Martin", user__preferred_language="en")
    return ContractFactory(
        application__mission__association=association,
        application__volunteer=volunteer,
        status="active",
        start_on=START,
        end_on=END,
    )


def _url(name, contract):
    return reverse(f"missions:{name}", kwargs={"pk": contract.pk})


def _notice_data(**changes):
    return {
        "notice_given_on": NOTICE.isoformat(),
        "ended_on": LAST_DAY.isoformat(),
        "reason": "family",
        "compelling_reason": "on",
        "explanation": "Parent malade.",
    } | changes


RUNNING_NOTICE = (
    "Ends on April 10, 2030 (notice given on March 10, 2030 by the association, "
    "reason: Family reasons)"
)


# --- The timeline ---------------------------------------------------------------------------


def test_notice_keeps_the_contract_running_and_every_page_says_until_when(client, contract, staff):
    with on(NOTICE):
        client.force_login(staff)
        page = client.get(_url("contract_give_notice", contract))
        assert page.status_code == 200
        assert page.context["earliest_end"] == LAST_DAY
        response = client.post(_url("contract_give_notice", contract), _notice_data())
        assert response.status_code == 302
        assert Contract.objects.get(pk=contract.pk).status == "active"
        assert RUNNING_NOTICE in client.get(_url("contract_detail", contract)).content.decode()
        assert RUNNING_NOTICE in client.get(reverse("missions:contracts")).content.decode()
        client.force_login(contract.volunteer.user)
        assert RUNNING_NOTICE in client.get(_url("my_contract", contract)).content.decode()
        assert RUNNING_NOTICE in client.get(reverse("volunteers:my_vsi")).content.decode()


def test_the_daily_job_ends_the_contract_on_the_day_after_and_the_certificate_follows(
    client, contract, staff
):
    with on(NOTICE):
        contract_give_notice(
            contract=contract,
            by=staff,
            side="association",
            notice_given_on=NOTICE,
            ended_on=LAST_DAY,
            reason="family",
        )
    with on(LAST_DAY):
        client.force_login(staff)
        assert end_contracts_due() == 0
        assert Contract.objects.get(pk=contract.pk).status == "active"
        refused = client.get(_url("contract_issue_certificate", contract))
        assert refused.status_code == 302
        assert not Contract.objects.get(pk=contract.pk).certificate_issued_at
    with on(LAST_DAY + timedelta(days=1)):
        client.force_login(staff)
        assert end_contracts_due() == 1
        assert end_contracts_due() == 0
        assert Contract.objects.get(pk=contract.pk).status == "ended_early"
        form = client.get(_url("contract_issue_certificate", contract))
        assert form.status_code == 200
        assert form.context["form"].initial == {"place": "Lyon", "signatory_name": "Anne Dupuis"}
        assert form.context["served_days"] == (LAST_DAY - START).days + 1
        issued = client.post(
            _url("contract_issue_certificate", contract),
            {"place": "Lyon", "signatory_name": "Anne Dupuis", "signatory_role": "Présidente"},
        )
        assert issued.status_code == 302
    contract.refresh_from_db()
    assert contract.certificate_code and contract.certificate_issued_by == staff
    for user in (staff, contract.volunteer.user):
        client.force_login(user)
        response = client.get(_url("contract_certificate", contract))
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        assert response["Content-Disposition"] == (
            'attachment; filename="attestation-vsi-lea-martin-2030-01-01-2030-04-10.pdf"'
        )


def test_the_certificate_file_is_named_in_french_for_a_french_reader(
    client, contract, staff, settings
):
    Contract.objects.filter(pk=contract.pk).update(
        status="completed", certificate_issued_at=datetime(2031, 1, 2, tzinfo=PARIS)
    )
    client.force_login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = client.get(_url("contract_certificate", contract))
    assert response["Content-Disposition"] == (
        'attachment; filename="attestation-vsi-lea-martin-2030-01-01-2030-12-31.pdf"'
    )


def test_a_short_notice_shows_the_form_again_with_the_earliest_end(client, contract, staff):
    with on(NOTICE):
        client.force_login(staff)
        response = client.post(
            _url("contract_give_notice", contract),
            _notice_data(ended_on=(LAST_DAY - timedelta(days=1)).isoformat()),
        )
    assert response.status_code == 400
    assert "ended_on" in response.context["form"].errors
    assert response.context["earliest_end"] == LAST_DAY
    assert Contract.objects.get(pk=contract.pk).notice_given_on is None


def test_a_notice_dated_tomorrow_is_refused_on_the_form(client, contract, staff):
    with on(NOTICE):
        client.force_login(staff)
        response = client.post(
            _url("contract_give_notice", contract),
            _notice_data(notice_given_on=(NOTICE + timedelta(days=1)).isoformat()),
        )
    assert response.status_code == 400
    assert "notice_given_on" in response.context["form"].errors


# --- The volunteer's notice and the withdrawals ---------------------------------------------


def test_the_volunteer_gives_notice_and_withdraws_it(client, contract, staff):
    with on(NOTICE):
        client.force_login(contract.volunteer.user)
        page = client.get(_url("my_contract_give_notice", contract))
        assert page.status_code == 200
        reasons = dict(page.context["form"].fields["reason"].choices)
        assert "association" not in reasons and "volunteer" in reasons
        response = client.post(
            _url("my_contract_give_notice", contract),
            {"ended_on": LAST_DAY.isoformat(), "reason": "volunteer"},
        )
        assert response.status_code == 302
        contract.refresh_from_db()
        assert (contract.notice_side, contract.notice_given_on, contract.status) == (
            "volunteer",
            NOTICE,
            "active",
        )
        html = client.get(_url("my_contract", contract)).content.decode()
        assert "by the volunteer" in html
        assert _url("my_contract_withdraw_notice", contract) in html
        client.force_login(staff)
        staff_html = client.get(_url("contract_detail", contract)).content.decode()
        assert _url("contract_withdraw_notice", contract) not in staff_html
        client.post(_url("contract_withdraw_notice", contract))
        assert Contract.objects.get(pk=contract.pk).notice_side == "volunteer"
        client.force_login(contract.volunteer.user)
        client.post(_url("my_contract_withdraw_notice", contract))
    assert Contract.objects.get(pk=contract.pk).notice_given_on is None


def test_the_volunteer_cannot_withdraw_the_associations_notice(client, contract, staff):
    with on(NOTICE):
        contract_give_notice(
            contract=contract,
            by=staff,
            side="association",
            notice_given_on=NOTICE,
            ended_on=LAST_DAY,
            reason="mutual",
        )
        client.force_login(contract.volunteer.user)
        response = client.post(_url("my_contract_withdraw_notice", contract), follow=True)
    assert "only its administrators can withdraw it" in response.content.decode()
    assert Contract.objects.get(pk=contract.pk).ended_on == LAST_DAY


def test_staff_withdraw_the_associations_notice_until_the_last_day_only(client, contract, staff):
    with on(NOTICE):
        contract_give_notice(
            contract=contract,
            by=staff,
            side="association",
            notice_given_on=NOTICE,
            ended_on=LAST_DAY,
            reason="mutual",
        )
    with on(LAST_DAY + timedelta(days=1)):
        client.force_login(staff)
        client.post(_url("contract_withdraw_notice", contract))
        assert Contract.objects.get(pk=contract.pk).ended_on == LAST_DAY
    with on(LAST_DAY):
        client.force_login(staff)
        response = client.post(_url("contract_withdraw_notice", contract))
    assert response.status_code == 302
    assert Contract.objects.get(pk=contract.pk).ended_on is None


# --- Completion -----------------------------------------------------------------------------


def test_staff_confirm_then_complete_from_the_planned_end(client, contract, staff):
    with on(END - timedelta(days=1)):
        client.force_login(staff)
        assert client.get(_url("contract_complete", contract)).status_code == 302
    with on(END):
        client.force_login(staff)
        page = client.get(_url("contract_complete", contract))
        assert page.status_code == 200 and b"cannot be undone" in page.content
        assert Contract.objects.get(pk=contract.pk).status == "active"
        client.post(_url("contract_complete", contract))
    contract.refresh_from_db()
    assert contract.status == "completed" and contract.certificate_issued_at is None


# --- Who may ----------------------------------------------------------------------------------

STAFF_VIEWS = (
    "contract_give_notice",
    "contract_withdraw_notice",
    "contract_complete",
    "contract_issue_certificate",
)
VOLUNTEER_VIEWS = ("my_contract_give_notice", "my_contract_withdraw_notice")


@pytest.mark.parametrize("who", ["editor", "other_staff", "volunteer", "outsider"])
def test_outsiders_get_404_on_the_staff_end_pages(
    client, contract, association, other_staff, outsider, who
):
    user = {
        "editor": MembershipFactory(association=association, role="editor").user,
        "other_staff": other_staff,
        "volunteer": contract.volunteer.user,
        "outsider": outsider,
    }[who]
    client.force_login(user)
    for name in STAFF_VIEWS:
        assert client.post(_url(name, contract), _notice_data()).status_code == 404, name
        if name != "contract_withdraw_notice":
            assert client.get(_url(name, contract)).status_code == 404, name
    assert Contract.objects.get(pk=contract.pk).notice_given_on is None


@pytest.mark.parametrize("who", ["staff", "other_volunteer", "outsider"])
def test_outsiders_get_404_on_the_volunteers_end_pages(client, contract, staff, outsider, who):
    user = {"staff": staff, "other_volunteer": VolunteerFactory().user, "outsider": outsider}[who]
    client.force_login(user)
    for name in VOLUNTEER_VIEWS:
        response = client.post(_url(name, contract), {"ended_on": END.isoformat()})
        assert response.status_code == 404, name
    assert client.get(_url("my_contract_give_notice", contract)).status_code == 404


def test_anonymous_is_sent_to_log_in_for_every_end_page(client, contract):
    for name in (*STAFF_VIEWS, *VOLUNTEER_VIEWS, "contract_certificate"):
        response = (
            client.post(_url(name, contract))
            if "withdraw" in name
            else client.get(_url(name, contract))
        )
        assert response.status_code == 302 and "login" in response["Location"], name


@pytest.mark.parametrize("who", ["other_staff", "other_volunteer", "outsider"])
def test_nobody_else_downloads_the_certificate(client, contract, other_staff, outsider, who):
    Contract.objects.filter(pk=contract.pk).update(
        status="completed", certificate_issued_at=datetime(2031, 1, 2, tzinfo=PARIS)
    )
    user = {
        "other_staff": other_staff,
        "other_volunteer": VolunteerFactory().user,
        "outsider": outsider,
    }[who]
    client.force_login(user)
    assert client.get(_url("contract_certificate", contract)).status_code == 404

"""'My VSI': the current contract, leave, pension quarters, end-of-mission aids, timeline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from missions.errors import ContractError
from missions.models import Contract
from missions.selectors.contracts import insertion_premium
from missions.services.aids import insertion_premium_mark_requested
from tests.factories import (
    ContractFactory,
    MembershipFactory,
    MissionFactory,
    VolunteerFactory,
)

from .factories import PriorMissionFactory

pytestmark = pytest.mark.django_db

URL = reverse("volunteers:my_vsi")


def _today() -> date:
    return timezone.localdate()


def _contract(volunteer=None, *, start, end, status="active", country="SN", **kwargs) -> Contract:
    mission = MissionFactory(start_on=start, end_on=end, country=country)
    return ContractFactory(
        application__mission=mission,
        application__volunteer=volunteer or VolunteerFactory(),
        start_on=start,
        end_on=end,
        status=status,
        **kwargs,
    )


def _complete_checklist(start):
    return {
        "criminal_record_checked_on": start - timedelta(days=40),
        "criminal_record_outcome": "clear",
        "social_security_affiliated_on": start,
        "insurance_reference": "AXA-123",
        "training_completed_on": start - timedelta(days=20),
    }


def _premium_url(contract) -> str:
    return reverse("volunteers:premium_requested", args=[contract.pk])


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"


def _page(client, volunteer):
    client.force_login(volunteer.user)
    response = client.get(URL)
    assert response.status_code == 200
    return response


# --- Access ------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login" in response["Location"]


def test_person_without_profile_sees_no_contract_yet(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(preferred_language="en"))
    response = client.get(URL)
    assert response.status_code == 200
    assert "No contract yet" in response.content.decode()


def test_dashboard_links_to_my_vsi(client):
    response = _page(client, VolunteerFactory())
    assert response.status_code == 200
    client.force_login(VolunteerFactory().user)
    assert URL in client.get(reverse("volunteers:dashboard")).content.decode()


def test_another_volunteers_contract_is_not_shown(client):
    _contract(start=_today() - timedelta(days=30), end=_today() + timedelta(days=300))
    response = _page(client, VolunteerFactory())
    assert response.context["vsi"].current is None
    assert response.context["vsi"].timeline == ()


# --- The current or next contract ----------------------------------------------------------


def test_current_contract_shows_leave_quarters_and_state_aids(client):
    volunteer = VolunteerFactory(user__preferred_language="en")
    start = date(2026, 9, 1)
    _contract(volunteer, start=start, end=date(2027, 8, 31))
    response = _page(client, volunteer)
    current = response.context["vsi"].current
    assert current.leave_days == 24
    assert current.pension_quarters == ((2026, 1), (2027, 3))
    assert current.reaches_twelve_months is True
    html = response.content.decode()
    assert "24 days of leave" in html
    assert "at least 12 months" in html


def test_short_contract_gives_no_leave_and_no_state_aids(client):
    volunteer = VolunteerFactory()
    today = _today()
    _contract(volunteer, start=today - timedelta(days=10), end=today + timedelta(days=120))
    current = _page(client, volunteer).context["vsi"].current
    assert current.leave_days == 0
    assert current.reaches_twelve_months is False


def test_next_contract_lists_the_missing_departure_prerequisites(client):
    volunteer = VolunteerFactory(user__preferred_language="en")
    start = _today() + timedelta(days=40)
    _contract(volunteer, start=start, end=start + timedelta(days=364), status="planned")
    response = _page(client, volunteer)
    assert "My next contract" in response.content.decode()
    missing = response.context["vsi"].current.missing_prerequisites
    assert len(missing) == 4
    assert "The insurance policy reference is not recorded." in missing


def test_complete_checklist_says_everything_is_ready(client):
    volunteer = VolunteerFactory(user__preferred_language="en")
    start = _today() + timedelta(days=40)
    _contract(
        volunteer,
        start=start,
        end=start + timedelta(days=364),
        status="planned",
        **_complete_checklist(start),
    )
    response = _page(client, volunteer)
    assert response.context["vsi"].current.missing_prerequisites == ()
    assert "Everything is ready for your departure" in response.content.decode()


# --- After the end -------------------------------------------------------------------------


def test_after_a_12_month_mission_abroad_the_allowance_and_premium_deadline_show(client):
    volunteer = VolunteerFactory(user__preferred_language="en")
    end = _today() - timedelta(days=10)
    start = end.replace(year=end.year - 1) + timedelta(days=1)
    contract = _contract(volunteer, start=start, end=end, status="completed")
    response = _page(client, volunteer)
    ended = response.context["vsi"].ended
    assert ended.contract == contract
    assert ended.resettlement.amount == 800
    assert ended.premium.facts_met
    assert ended.premium.deadline == end.replace(year=end.year + 1)
    html = response.content.decode()
    assert "<strong>€800</strong>" in html
    assert "I have requested the premium" in html
    assert f"{ended.premium_days_left} days left" in html


def test_early_end_for_a_compelling_reason_leaves_the_allowance_to_staff(client):
    volunteer = VolunteerFactory(user__preferred_language="en")
    start = _today() - timedelta(days=300)
    _contract(
        volunteer,
        start=start,
        end=start + timedelta(days=364),
        status="ended_early",
        ended_on=start + timedelta(days=250),
        end_reason="health",
        compelling_reason=True,
    )
    response = _page(client, volunteer)
    assert response.context["vsi"].ended.resettlement.manual_review
    assert "staff decide on your resettlement allowance" in response.content.decode()


def test_public_official_gets_no_resettlement_allowance(client):
    volunteer = VolunteerFactory(public_official=True)
    end = _today() - timedelta(days=5)
    _contract(volunteer, start=end - timedelta(days=500), end=end, status="completed")
    assert _page(client, volunteer).context["vsi"].ended.resettlement.amount == 0


def test_mission_hosted_in_france_does_not_open_the_premium(client):
    volunteer = VolunteerFactory(
        user__preferred_language="en", nationalities=["SN"], residence="SN"
    )
    end = _today() - timedelta(days=5)
    _contract(
        volunteer,
        start=end - timedelta(days=400),
        end=end,
        status="completed",
        country="RE",
        allowance_eur=900,
    )
    response = _page(client, volunteer)
    premium = response.context["vsi"].ended.premium
    assert [c.key for c in premium.failed] == ["not_in_france"]
    assert "does not open the insertion premium" in response.content.decode()
    assert "I have requested the premium" not in response.content.decode()


def test_contract_broken_by_the_volunteer_without_reason_loses_the_premium():
    volunteer = VolunteerFactory()
    start = _today() - timedelta(days=500)
    contract = _contract(
        volunteer,
        start=start,
        end=start + timedelta(days=400),
        status="ended_early",
        ended_on=start + timedelta(days=380),
        end_reason="volunteer",
    )
    premium = insertion_premium(contract)
    assert [c.key for c in premium.failed] == ["not_broken"]


def test_personal_premium_conditions_are_questions():
    contract = _contract(start=date(2025, 1, 1), end=date(2025, 12, 31), status="completed")
    conditions = insertion_premium(contract).conditions
    assert {c.key for c in conditions if c.is_question} == {"job_seeker", "no_rsa", "no_other_aid"}


def test_certificate_not_issued_yet_is_said(client):
    volunteer = VolunteerFactory(user__preferred_language="en")
    end = _today() - timedelta(days=2)
    _contract(volunteer, start=end - timedelta(days=400), end=end, status="active")
    response = _page(client, volunteer)
    assert response.context["vsi"].ended is not None  # past its end: treated as ended
    assert "not issued your certificate" in response.content.decode()


# --- Timeline ------------------------------------------------------------------------------


def test_timeline_lists_declared_missions_and_contracts_newest_first_with_days(client):
    volunteer = VolunteerFactory()
    PriorMissionFactory(volunteer=volunteer, start_on=date(2018, 1, 1), end_on=date(2018, 1, 10))
    old = _contract(volunteer, start=date(2020, 1, 1), end=date(2020, 12, 31), status="completed")
    today = _today()
    new = _contract(volunteer, start=today - timedelta(days=9), end=today + timedelta(days=300))
    timeline = _page(client, volunteer).context["vsi"].timeline
    assert [entry.contract for entry in timeline] == [new, old, None]
    assert [entry.days for entry in timeline] == [10, 366, 10]


def test_page_runs_the_same_queries_for_1_and_50_missions(client, django_assert_num_queries):
    volunteer = VolunteerFactory()
    today = _today()
    _contract(volunteer, start=date(2010, 1, 1), end=date(2010, 3, 31), status="completed")
    _contract(volunteer, start=today - timedelta(days=9), end=today + timedelta(days=300))
    client.force_login(volunteer.user)
    client.get(URL)  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        assert client.get(URL).status_code == 200
    for year in range(2011, 2035, 1):
        if year < 2024:
            _contract(volunteer, start=date(year, 1, 1), end=date(year, 1, 31), status="completed")
        PriorMissionFactory(
            volunteer=volunteer, start_on=date(year - 30, 2, 1), end_on=date(year - 30, 2, 5)
        )
    with django_assert_num_queries(len(first.captured_queries)):
        assert client.get(URL).status_code == 200


# --- "I have requested the premium" ----------------------------------------------------------


@pytest.fixture
def ended():
    volunteer = VolunteerFactory(user__preferred_language="en")
    end = _today() - timedelta(days=20)
    return _contract(volunteer, start=end - timedelta(days=400), end=end, status="completed")


def test_owner_marks_the_premium_requested(client, ended):
    client.force_login(ended.volunteer.user)
    response = client.post(_premium_url(ended), {"requested_on": _today().isoformat()})
    assert response.status_code == 302
    assert response["Location"] == URL
    ended.refresh_from_db()
    assert ended.insertion_premium_requested_on == _today()
    page = client.get(URL).content.decode()
    assert "No more deadline reminders" in page


def test_marking_the_premium_requested_needs_a_login(client, ended):
    response = client.post(_premium_url(ended), {"requested_on": _today().isoformat()})
    assert response.status_code == 302
    assert "/login" in response["Location"]
    ended.refresh_from_db()
    assert ended.insertion_premium_requested_on is None


def test_marking_the_premium_requested_is_post_only(client, ended):
    client.force_login(ended.volunteer.user)
    assert client.get(_premium_url(ended)).status_code == 405


@pytest.mark.parametrize("who", ["other_volunteer", "contract_staff", "other_staff"])
def test_outsider_gets_404_when_marking_the_premium(client, ended, who):
    user = {
        "other_volunteer": lambda: VolunteerFactory().user,
        "contract_staff": lambda: MembershipFactory(association=ended.association).user,
        "other_staff": lambda: MembershipFactory().user,
    }[who]()
    client.force_login(user)
    response = client.post(_premium_url(ended), {"requested_on": _today().isoformat()})
    assert response.status_code == 404
    ended.refresh_from_db()
    assert ended.insertion_premium_requested_on is None


def test_future_request_date_is_refused_with_a_message(client, ended):
    client.force_login(ended.volunteer.user)
    tomorrow = (_today() + timedelta(days=1)).isoformat()
    response = client.post(_premium_url(ended), {"requested_on": tomorrow})
    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()
    ended.refresh_from_db()
    assert ended.insertion_premium_requested_on is None


def test_missing_date_is_a_form_error(client, ended):
    client.force_login(ended.volunteer.user)
    response = client.post(_premium_url(ended), {"requested_on": "not a date"})
    assert response.status_code == 400
    ended.refresh_from_db()
    assert ended.insertion_premium_requested_on is None


def test_premium_cannot_be_marked_before_the_mission_ends(client):
    volunteer = VolunteerFactory(user__preferred_language="en")
    running = _contract(
        volunteer, start=_today() - timedelta(days=10), end=_today() + timedelta(days=300)
    )
    client.force_login(volunteer.user)
    response = client.post(_premium_url(running), {"requested_on": _today().isoformat()})
    assert response.status_code == 400
    running.refresh_from_db()
    assert running.insertion_premium_requested_on is None


def test_service_refuses_someone_else_than_the_volunteer(ended):
    staff = MembershipFactory(association=ended.association).user
    with pytest.raises(ContractError):
        insertion_premium_mark_requested(contract=ended, by=staff, on=_today())


def test_service_refuses_a_second_statement(ended):
    user = ended.volunteer.user
    insertion_premium_mark_requested(contract=ended, by=user, on=_today())
    with pytest.raises(ContractError):
        insertion_premium_mark_requested(contract=ended, by=user, on=_today())


def test_page_renders_in_french(client, ended):
    user = ended.volunteer.user
    user.preferred_language = "fr"
    user.save()
    client.cookies["django_language"] = "fr"
    client.force_login(user)
    html = client.get(URL).content.decode()
    assert '<h1 class="mb-4">Mon VSI</h1>' in html
    assert "J’ai demandé la prime" in html

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from missions.selectors.candidates import served_periods, volunteer_ledger
from tests.factories import MembershipFactory, UserFactory, VolunteerFactory
from volunteers.selectors import profile_completeness, volunteer_missing_facts
from vsi_portal.eligibility import Period

from .factories import PriorMissionFactory, document

pytestmark = pytest.mark.django_db

URL = reverse("volunteers:dashboard")


def test_dashboard_sends_anonymous_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_dashboard_of_someone_without_profile_invites_to_fill_it(client):
    client.force_login(UserFactory())
    page = client.get(URL).content.decode()
    assert "Remplir mon profil" in page
    assert "Jours de VSI effectués\u00a0: 0, jours restants\u00a0: 2191 sur 2191" in page


def test_dashboard_shows_missing_facts_needed_to_apply(client):
    volunteer = VolunteerFactory(birth_date=None, residence="")
    client.force_login(volunteer.user)
    page = client.get(URL).content.decode()
    assert "Date de naissance" in page
    assert "Pays de résidence" in page
    assert "nécessaire pour postuler" in page


def test_dashboard_shows_the_ledger_as_an_accessible_bar(client):
    volunteer = VolunteerFactory()
    PriorMissionFactory(volunteer=volunteer, start_on=date(2014, 1, 1), end_on=date(2015, 12, 31))
    client.force_login(volunteer.user)
    page = client.get(URL).content.decode()
    assert 'role="progressbar"' in page
    assert 'aria-valuenow="730"' in page
    assert 'aria-valuemax="2191"' in page
    assert "Jours de VSI effectués\u00a0: 730, jours restants\u00a0: 1461 sur 2191" in page


def test_dashboard_shows_only_the_persons_own_ledger(client):
    other = VolunteerFactory()
    PriorMissionFactory(volunteer=other, start_on=date(2014, 1, 1), end_on=date(2015, 12, 31))
    me = VolunteerFactory()
    client.force_login(me.user)
    assert 'aria-valuenow="0"' in client.get(URL).content.decode()


def test_dashboard_of_association_staff_shows_their_own_empty_space(client):
    client.force_login(MembershipFactory().user)
    assert client.get(URL).status_code == 200


def test_dashboard_links_to_profile_documents_export_and_deletion(client):
    client.force_login(VolunteerFactory().user)
    page = client.get(URL).content.decode()
    for name in ("profile", "documents", "prior_missions", "data_export", "account_delete"):
        assert reverse(f"volunteers:{name}") in page


def test_dashboard_is_in_english_for_an_english_speaker(client):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    client.cookies["django_language"] = "en"
    page = client.get(URL).content.decode()
    assert "VSI days served: 0, days left: 2191 out of 2191" in page


def test_complete_profile_misses_only_the_optional_items():
    volunteer = VolunteerFactory()
    completeness = profile_completeness(volunteer)
    assert completeness.can_apply
    assert {item.key for item in completeness.missing} == {
        "languages",
        "skills",
        "domains_of_interest",
        "presentation",
        "cv",
    }


def test_profile_with_everything_is_complete():
    volunteer = VolunteerFactory(skills="x", presentation="y", domains_of_interest=["health"])
    volunteer.languages.set(["fr"])
    document(volunteer)
    completeness = profile_completeness(volunteer)
    assert completeness.is_complete
    assert completeness.percent == 100


def test_completeness_counts_done_items():
    volunteer = VolunteerFactory(birth_date=None, skills="x")
    completeness = profile_completeness(volunteer)
    assert (completeness.done, completeness.total) == (3, 8)
    assert completeness.percent == 38
    assert not completeness.can_apply


def test_leave_dates_count_only_for_someone_on_leave():
    volunteer = VolunteerFactory(employed=True, leave_kind="solidarity")
    completeness = profile_completeness(volunteer)
    assert "leave_dates" in {item.key for item in completeness.missing}
    assert "leave_dates" in volunteer_missing_facts(volunteer)


def test_no_profile_means_every_fact_missing():
    completeness = profile_completeness(None)
    assert not completeness.can_apply
    assert completeness.done == 0


def test_ledger_counts_overlapping_missions_once():
    volunteer = VolunteerFactory()
    PriorMissionFactory(volunteer=volunteer, start_on=date(2014, 1, 1), end_on=date(2014, 12, 31))
    PriorMissionFactory(volunteer=volunteer, start_on=date(2014, 7, 1), end_on=date(2015, 6, 30))
    ledger = volunteer_ledger(volunteer)
    assert ledger.days_served == 546
    assert ledger.days_left == 2191 - 546


def test_ledger_never_shows_negative_days_left():
    volunteer = VolunteerFactory()
    PriorMissionFactory(volunteer=volunteer, start_on=date(2010, 1, 1), end_on=date(2017, 1, 1))
    ledger = volunteer_ledger(volunteer)
    assert ledger.days_left == 0
    assert ledger.cap_reached
    assert ledger.percent_served == 100


def test_served_periods_are_the_prior_missions():
    volunteer = VolunteerFactory()
    PriorMissionFactory(volunteer=volunteer, start_on=date(2014, 1, 1), end_on=date(2014, 12, 31))
    assert served_periods(volunteer) == [Period(date(2014, 1, 1), date(2014, 12, 31))]


def test_ledger_of_no_profile_is_empty():
    assert volunteer_ledger(None).days_served == 0

"""The dashboards' pages: who reaches them, what they show, what they cost."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from missions.selectors.dashboards import dashboard
from tests.factories import (
    ApplicationFactory,
    ContractFactory,
    MembershipFactory,
    MissionFactory,
    UserFactory,
    VolunteerFactory,
    otp_verify,
)
from tests.queries import SESSION_READ_QUERIES, count_queries

pytestmark = pytest.mark.django_db

PROGRAMME = reverse("programme_dashboard")


def _association_url(association) -> str:
    return reverse("associations:dashboard", kwargs={"slug": association.slug})


def _activity(association, n: int) -> None:
    """n published missions, each with an application and a contract under way."""
    today = timezone.localdate()
    for i in range(n):
        mission = MissionFactory(
            association=association,
            published_at=timezone.now() - timedelta(days=i * 17 % 330),
            country=["SN", "MG", "PE"][i % 3],
        )
        ApplicationFactory(mission=mission)
        ContractFactory(
            application__mission=mission,
            status="active",
            start_on=today - timedelta(days=40 + i),
            end_on=today + timedelta(days=20 + i),
        )


# --- The association's dashboard -------------------------------------------------------------


def test_anonymous_is_sent_to_log_in_for_an_association_s_dashboard(client):
    membership = MembershipFactory()
    response = client.get(_association_url(membership.association))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_volunteer_gets_404_on_an_association_s_dashboard(client):
    membership = MembershipFactory()
    client.force_login(VolunteerFactory().user)
    assert client.get(_association_url(membership.association)).status_code == 404


def test_another_association_s_staff_get_404(client):
    membership = MembershipFactory()
    client.force_login(MembershipFactory().user)
    assert client.get(_association_url(membership.association)).status_code == 404


def test_france_volontaires_gets_404_on_an_association_s_dashboard(client):
    membership = MembershipFactory()
    otp_verify(client, UserFactory(is_staff=True, is_superuser=True))
    assert client.get(_association_url(membership.association)).status_code == 404


@pytest.mark.parametrize("role", ["admin", "editor"])
def test_the_association_s_staff_see_its_figures_as_charts_and_tables(client, role):
    membership = MembershipFactory(role=role)
    _activity(membership.association, 2)
    client.force_login(membership.user)
    response = client.get(_association_url(membership.association))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('role="img"') >= 8  # a chart per figure
    assert 'aria-labelledby="published-chart-title published-chart-desc"' in page
    assert "<caption>" in page
    assert response.context["figures"].running == 2


def test_the_association_s_dashboard_shows_none_of_another_association_s_missions(client):
    membership = MembershipFactory()
    other = MembershipFactory()
    MissionFactory(
        association=other.association, title="Mission d'ailleurs", published_at=timezone.now()
    )
    _activity(other.association, 1)
    client.force_login(membership.user)
    response = client.get(_association_url(membership.association))
    assert "Mission d&#x27;ailleurs" not in response.content.decode()
    assert response.context["figures"].running == 0
    assert response.context["figures"].funnel.submitted == 0


def test_the_association_s_dashboard_costs_the_same_queries_for_1_row_and_for_20(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    _activity(membership.association, 1)
    url = _association_url(membership.association)
    few = count_queries(client, url)
    _activity(membership.association, 19)
    assert count_queries(client, url) == few
    # The session, the user, the association, 8 for the figures, the header's badges.
    assert few == SESSION_READ_QUERIES + 3 + 8


def test_the_association_s_dashboard_reads_in_french(client):
    membership = MembershipFactory(user=UserFactory(preferred_language="fr"))
    client.force_login(membership.user)
    response = client.get(_association_url(membership.association), HTTP_ACCEPT_LANGUAGE="fr")
    page = response.content.decode()
    assert "Missions publiées par mois" in page
    assert "Délais à venir" in page


# --- France Volontaires' dashboard -------------------------------------------------------------


def test_anonymous_is_sent_to_the_admin_s_login_for_the_programme_s_dashboard(client):
    response = client.get(PROGRAMME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("who", ["volunteer", "association_staff"])
def test_people_who_are_not_france_volontaires_are_sent_to_the_admin_s_login(client, who):
    user = VolunteerFactory().user if who == "volunteer" else MembershipFactory().user
    client.force_login(user)
    response = client.get(PROGRAMME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_france_volontaires_without_two_factor_is_sent_to_set_it_up_like_the_admin(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.get(PROGRAMME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:two_factor_setup"))
    admin = client.get(reverse("admin:index"))
    assert admin["Location"].split("?")[0] == response["Location"].split("?")[0]


def test_france_volontaires_with_a_device_not_verified_is_asked_for_a_code(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    otp_verify(client, staff)
    client.logout()
    client.force_login(staff)  # a new session, not verified
    response = client.get(PROGRAMME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:two_factor_verify"))


def test_france_volontaires_verified_sees_every_association_s_figures(client):
    _activity(MembershipFactory().association, 2)
    _activity(MembershipFactory().association, 1)
    otp_verify(client, UserFactory(is_staff=True, is_superuser=True))
    response = client.get(PROGRAMME)
    assert response.status_code == 200
    assert response.context["figures"].running == 3
    assert response.content.decode().count('role="img"') >= 7


def test_the_admin_links_to_the_programme_s_dashboard(client):
    otp_verify(client, UserFactory(is_staff=True, is_superuser=True))
    assert PROGRAMME in client.get(reverse("admin:index")).content.decode()


def test_the_programme_s_dashboard_costs_the_same_queries_for_1_row_and_for_20(client):
    otp_verify(client, UserFactory(is_staff=True, is_superuser=True))
    association = MembershipFactory().association
    _activity(association, 1)
    with pytest.MonkeyPatch.context() as patch:
        # Computed on every request here (the cache is what the page reads in production).
        patch.setattr("missions.views.dashboards.programme_dashboard_shown", _computed)
        few = count_queries(client, PROGRAMME)
        _activity(association, 19)
        assert count_queries(client, PROGRAMME) == few


def _computed(*, today):
    return dashboard(None, today=today)


def test_the_programme_s_dashboard_is_read_from_the_cache_after_the_first_request(client):
    otp_verify(client, UserFactory(is_staff=True, is_superuser=True))
    _activity(MembershipFactory().association, 2)
    first = count_queries(client, PROGRAMME)
    assert count_queries(client, PROGRAMME) == first - 6

"""After login or sign-up, an incomplete volunteer profile is led to its form, which lists
the facts missing; a complete one, the staff and an explicit ``next`` go on as before."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, MembershipFactory, UserFactory, VolunteerFactory
from tests.mail import committed

pytestmark = pytest.mark.django_db

PROFILE = reverse("volunteers:profile")
HOME = reverse("home")


def _log_in(client, user, **query):
    url = reverse("account_login")
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return client.post(url, {"login": user.email, "password": PASSWORD, **query})


def test_login_without_a_profile_leads_to_the_profile_form(client):
    response = _log_in(client, UserFactory())
    assert response.status_code == 302
    assert response["Location"] == PROFILE


def test_login_with_an_incomplete_profile_leads_to_the_profile_form(client):
    volunteer = VolunteerFactory(birth_date=None, nationalities=[])
    response = _log_in(client, volunteer.user)
    assert response["Location"] == PROFILE


def test_login_with_a_complete_profile_goes_home(client):
    response = _log_in(client, VolunteerFactory().user)
    assert response["Location"] == HOME


def test_login_of_association_staff_goes_home(client):
    response = _log_in(client, MembershipFactory().user)
    assert response["Location"] == HOME


def test_login_with_next_goes_there_even_with_an_incomplete_profile(client):
    volunteer = VolunteerFactory(birth_date=None)
    saved = reverse("missions:saved")
    response = _log_in(client, volunteer.user, next=saved)
    assert response["Location"] == saved


def test_profile_form_lists_the_missing_facts(client):
    volunteer = VolunteerFactory(birth_date=None, nationalities=[], user__preferred_language="en")
    client.cookies["django_language"] = "en"
    client.force_login(volunteer.user)
    response = client.get(PROFILE)
    assert response.context["missing_facts"] == ["your birth date", "your nationalities"]
    html = response.content.decode()
    assert 'data-testid="profile-missing-facts"' in html
    assert "your birth date" in html


def test_profile_form_of_a_complete_profile_lists_nothing(client):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    response = client.get(PROFILE)
    assert response.context["missing_facts"] == []
    assert 'data-testid="profile-missing-facts"' not in response.content.decode()


def test_confirming_the_sign_up_email_leads_to_the_profile_form(client, outbox):
    with committed():
        client.post(
            reverse("account_signup"),
            {
                "full_name": "Léa Martin",
                "email": "lea@example.org",
                "password1": "un-mot-de-passe-solide-42",
                "password2": "un-mot-de-passe-solide-42",
            },
        )
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", outbox[0].body).group(0)
    response = client.post("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert response.status_code == 302
    assert response["Location"] == PROFILE

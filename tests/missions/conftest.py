from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import AssociationFactory, MembershipFactory, UserFactory, VolunteerFactory
from vsi_portal.entitlements import add_months


@pytest.fixture
def today() -> date:
    return timezone.localdate()


@pytest.fixture
def association(db):
    return AssociationFactory()


@pytest.fixture
def staff(association):
    return MembershipFactory(association=association).user


@pytest.fixture
def other_staff(db):
    """A member of another association."""
    return MembershipFactory().user


@pytest.fixture
def volunteer(db):
    return VolunteerFactory()


@pytest.fixture
def outsider(db):
    """Signed in, neither staff nor the volunteer under test."""
    return UserFactory()


@pytest.fixture
def mission_data(today):
    """Valid facts for a new mission in Senegal, starting in 100 days for one year."""
    start = today + timedelta(days=100)
    return {
        "title": "Appui aux centres de santé communautaires",
        "summary": "Former les agents de santé à la prévention.",
        "description": "Vous travaillez avec les équipes des dispensaires ruraux.",
        "domain": "health",
        "country": "SN",
        "place": "Thiès",
        "start_on": start,
        "end_on": add_months(start, 12) - timedelta(days=1),
        "allowance_eur": 600,
        "places": 2,
        "application_deadline": start - timedelta(days=30),
        "skills": "Santé publique, animation",
        "min_age": 18,
    }


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Factories hash a password per user; a fast hasher keeps these tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

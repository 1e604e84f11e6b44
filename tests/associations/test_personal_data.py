"""What the associations app holds about a person (`associations/personal_data.py`)."""

from __future__ import annotations

import pytest
from django.db.models import OuterRef
from django.utils import translation

from associations import personal_data
from tests.factories import MembershipFactory, UserFactory
from vsi_portal.accounts.models import User

pytestmark = pytest.mark.django_db


def test_a_staff_member_is_asked_to_leave_the_staff_first():
    user = MembershipFactory().user
    with translation.override("en"):
        reason = str(personal_data.erasure_refusal(user))
    assert reason.startswith("You are on the staff of an association.")


def test_a_person_on_no_staff_may_be_erased():
    assert personal_data.erasure_refusal(UserFactory()) is None


def test_on_a_staff_finds_the_staff_members_in_a_query_of_accounts():
    member = MembershipFactory().user
    other = UserFactory()
    on_staff = User.objects.filter(personal_data.on_a_staff(OuterRef("pk")))
    assert list(on_staff) == [member]
    assert other in User.objects.exclude(personal_data.on_a_staff(OuterRef("pk")))

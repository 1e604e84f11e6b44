"""The "association approval expiring" kind (associations/reminder_kinds.py): due dates at
their boundaries, recipients, and the page each recipient is sent to."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from associations.reminder_kinds import approval_expiring_due
from notifications.models import Notification
from notifications.services import reminders_scan
from tests.factories import AssociationFactory, MembershipFactory, UserFactory

TODAY = date(2027, 3, 10)

pytestmark = pytest.mark.django_db


def _due(lookback_days=0, today=TODAY):
    return {(d.subject.slug, d.due_on) for d in approval_expiring_due(today, lookback_days)}


def _association(days_before_expiry: int, slug: str | None = None):
    kwargs = {"approval_expires_on": TODAY + timedelta(days=days_before_expiry)}
    if slug:
        kwargs["slug"] = slug
    return AssociationFactory(**kwargs)


@pytest.mark.parametrize(
    ("days", "due"),
    [(91, False), (90, True), (89, False), (31, False), (30, True), (29, False)],
)
def test_reminder_falls_due_exactly_90_and_30_days_before_expiry(days, due):
    association = _association(days)
    expected = {(association.slug, TODAY)} if due else set()
    assert _due(lookback_days=0) == expected


def test_look_back_catches_a_reminder_missed_while_workers_were_down():
    # Due yesterday (expiry in 89 days) and three days ago (expiry in 27 days).
    yesterday = _association(89, "missed-yesterday")
    three_days = _association(27, "missed-three-days")
    assert _due(lookback_days=7) == {
        ("missed-yesterday", TODAY - timedelta(days=1)),
        ("missed-three-days", TODAY - timedelta(days=3)),
    }
    assert yesterday and three_days


def test_look_back_does_not_reach_beyond_its_window():
    _association(90 - 8)  # fell due 8 days ago
    _association(30 - 8)
    assert _due(lookback_days=7) == set()


def test_look_back_includes_its_first_day():
    association = _association(90 - 7)
    assert _due(lookback_days=7) == {(association.slug, TODAY - timedelta(days=7))}


def test_only_approved_associations_with_an_expiry_are_reminded():
    _association(90, "approved")
    AssociationFactory(status="pending", approval_expires_on=TODAY + timedelta(days=90))
    AssociationFactory(status="suspended", approval_expires_on=TODAY + timedelta(days=90))
    AssociationFactory(approval_expires_on=None)
    assert _due() == {("approved", TODAY)}


def test_recipients_are_the_association_admins_and_active_france_volontaires_admins():
    association = _association(90)
    admin = MembershipFactory(association=association, role="admin").user
    MembershipFactory(association=association, role="editor")
    MembershipFactory(role="admin")  # admin of another association
    staff = UserFactory(is_staff=True)
    UserFactory(is_staff=True, is_active=False)
    inactive_admin = MembershipFactory(association=association, role="admin").user
    inactive_admin.is_active = False
    inactive_admin.save()
    (due,) = approval_expiring_due(TODAY, 0)
    assert {user.pk for user in due.recipients} == {admin.pk, staff.pk}


def test_association_admins_are_sent_to_their_association_staff_page(outbox):
    today = timezone.localdate()
    association = AssociationFactory(approval_expires_on=today + timedelta(days=90))
    admin = MembershipFactory(association=association, role="admin").user
    reminders_scan(kind="approval_expiring", today=today)
    link = reverse("associations:manage", args=[association.slug])
    assert Notification.objects.get(recipient=admin).link == link
    assert f"{settings.SITE_URL}{link}" in outbox[0].body

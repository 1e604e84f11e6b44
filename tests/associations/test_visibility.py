"""A non-approved association's missions never reach the public; suspension stops recruiting."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from associations.selectors import association_can_recruit
from associations.services.associations import association_reinstate, association_suspend
from missions.models import Mission
from tests.factories import AssociationFactory, MembershipFactory, MissionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_missions_of_a_non_approved_association_are_not_published(status):
    mission = MissionFactory(association=AssociationFactory(status=status))
    assert mission not in Mission.objects.published()


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_missions_of_a_non_approved_association_are_not_on_its_page_even_for_its_staff(
    client, status
):
    membership = MembershipFactory(association=AssociationFactory(status=status))
    mission = MissionFactory(association=membership.association)
    client.force_login(membership.user)
    page = client.get(
        reverse("associations:detail", kwargs={"slug": membership.association.slug})
    ).content.decode()
    assert mission.title not in page


def test_suspending_hides_the_missions_and_reinstating_shows_them_again(client, fv_admin):
    association = AssociationFactory()
    mission = MissionFactory(association=association)
    url = reverse("associations:detail", kwargs={"slug": association.slug})
    assert mission.title in client.get(url).content.decode()

    association_suspend(association=association, by=fv_admin, reason="Contrôle")
    assert mission not in Mission.objects.published()
    assert client.get(url).status_code == 404

    association_reinstate(association=association, by=fv_admin)
    assert mission in Mission.objects.published()
    assert mission.title in client.get(url).content.decode()


def test_only_an_approved_association_with_a_running_approval_can_recruit():
    today = date(2026, 6, 1)
    assert association_can_recruit(
        AssociationFactory(approval_expires_on=today + timedelta(days=1)), on=today
    )
    assert association_can_recruit(AssociationFactory(approval_expires_on=today), on=today)
    assert not association_can_recruit(
        AssociationFactory(approval_expires_on=today - timedelta(days=1)), on=today
    )
    for status in ("pending", "rejected", "suspended"):
        assert not association_can_recruit(AssociationFactory(status=status), on=today)

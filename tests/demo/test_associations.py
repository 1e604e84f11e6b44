"""The demo's associations: one in each state, with the history the services recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from associations.models import Association, AssociationDecision, Invitation, Membership
from demo.accounts import DEMO_ADMIN_EMAIL
from missions.models import Mission
from missions.selectors.candidates import mission_contract

pytestmark = pytest.mark.django_db

Action = AssociationDecision.Action


def test_associations_in_every_state_with_their_history(demo):
    today = demo
    assert set(Association.objects.values_list("status", flat=True)) == set(
        Association.Status.values
    )
    for association in Association.objects.all():
        decisions = list(association.decisions.order_by("decided_at", "pk"))
        register = decisions[0]
        assert register.action == Action.REGISTER
        assert register.decided_by == association.created_by
        assert Membership.objects.get(association=association, user=register.decided_by).role == (
            Membership.Role.ADMIN
        )
        assert decisions[-1].to_status == association.status
        assert all(d.decided_at.date() < today for d in decisions)
        assert {d.decided_by.email for d in decisions[1:]} <= {DEMO_ADMIN_EMAIL}


def test_an_approval_expires_within_90_days(demo):
    """The README's promise, and today's "approval expiring" reminder."""
    sahel = Association.objects.get(slug="solidarite-sahel")
    assert sahel.is_approved and sahel.approval_expires_on <= demo + timedelta(days=90)


def test_editors_joined_by_invitation(demo):
    editors = Membership.objects.filter(role=Membership.Role.EDITOR).select_related("user")
    assert editors.count() == 3
    for editor in editors:
        invitation = Invitation.objects.get(
            association=editor.association_id, accepted_by=editor.user
        )
        assert invitation.role == Membership.Role.EDITOR


def test_the_suspended_association_keeps_its_missions_out_of_the_search(demo):
    suspended = Association.objects.get(status=Association.Status.SUSPENDED)
    assert suspended.decisions.filter(action=Action.SUSPEND).exists()
    assert suspended.missions.filter(status=Mission.Status.PUBLISHED).exists()
    assert not Mission.objects.published().filter(association=suspended).exists()


def test_every_open_mission_starts_while_its_association_is_approved(demo):
    """Rule R5: anyone eligible may apply to each open mission of the demo."""
    for mission in Mission.objects.open_for_applications(today=demo).select_related("association"):
        assert mission_contract(mission).organisation_approved, mission.slug


def test_the_sahel_approval_ends_before_two_of_its_published_missions_start(client, demo):
    """The README's promise: their staff see them flagged, the search leaves them out."""
    sahel = Association.objects.get(slug="solidarite-sahel")
    late = Mission.objects.published().approval_ends_before_start().filter(association=sahel)
    assert set(late.values_list("slug", flat=True)) == {
        "formation-enseignants-saint-louis",
        "sante-maternelle-tambacounda",
    }
    assert not Mission.objects.open_for_applications(today=demo).filter(pk__in=late).exists()
    assert sahel.decisions.filter(action=Action.RENEW).count() == 1
    client.force_login(sahel.memberships.get(role="admin").user)
    body = client.get(reverse("missions:manage")).content.decode()
    assert body.count("mission-paused") == 2

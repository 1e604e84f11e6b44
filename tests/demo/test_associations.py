"""The demo's associations: one in each state, with the history the services recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from associations.models import Association, AssociationDecision, Invitation, Membership
from associations.selectors import review_queue
from demo.accounts import DEMO_ADMIN_EMAIL
from demo.pdf import pdf_upload
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


def test_the_pending_association_lacks_its_approval_decision_for_the_demo_to_send(demo):
    pending = Association.objects.get(status=Association.Status.PENDING)
    assert set(pending.documents.values_list("kind", flat=True)) == {"statutes"}
    assert pending.approval_reference  # declared, to be checked by France Volontaires


def test_approved_associations_have_both_documents_on_file(demo):
    for association in Association.objects.filter(status=Association.Status.APPROVED):
        assert set(association.documents.values_list("kind", flat=True)) == {
            "approval_decision",
            "statutes",
        }


def test_the_rejection_names_what_can_be_attached(demo):
    rejected = Association.objects.get(status=Association.Status.REJECTED)
    reason = rejected.decisions.get(action=Action.REJECT).reason
    assert "décision d'agrément" in reason
    assert "n'est pas jointe" in reason
    assert "numéro d'agrément" not in reason
    assert not rejected.documents.filter(kind="approval_decision").exists()


def test_the_pending_associations_admin_uploads_its_approval_decision(client, demo):
    """The issue's demo: after `make run`, the pending association sends its decision, and
    France Volontaires' queue shows it first, with the decision attached."""
    pending = Association.objects.get(status=Association.Status.PENDING)
    admin = pending.memberships.get(role=Membership.Role.ADMIN).user
    client.force_login(admin)
    edit = reverse("associations:edit", kwargs={"slug": pending.slug})
    form = client.get(edit).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and name not in ("logo", "approval_decision", "statutes")
    }
    data["approval_decision"] = pdf_upload("decision-agrement.pdf", ["Agrement"])
    response = client.post(edit, {k: v for k, v in data.items() if v is not None})
    assert response.status_code == 302, response.context["form"].errors
    assert pending.documents.filter(kind="approval_decision").exists()
    queue, pending_count = review_queue(today=demo)
    assert pending_count == 1
    assert queue[0].association == pending
    assert queue[0].approval_decision_attached

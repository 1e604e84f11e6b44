"""Every allowed and refused move of an association's status, and what each records."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from associations.errors import AssociationError
from associations.models import Association, AssociationDecision
from associations.services.associations import (
    association_approve,
    association_reinstate,
    association_reject,
    association_renew_approval,
    association_resubmit,
    association_suspend,
)
from tests.factories import AssociationFactory, MembershipFactory
from vsi_portal.entitlements import add_months

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 10)
S = Association.Status


def _association(status: str) -> Association:
    association = AssociationFactory(status=status)
    MembershipFactory(association=association, role="admin")
    return association


def _approve(association, by, **kw):
    kw.setdefault("approval_reference", "VSI-2026-0001")
    kw.setdefault("approval_expires_on", add_months(TODAY, 36))
    return association_approve(association=association, by=by, today=TODAY, **kw)


def _admin_of(association):
    return association.memberships.get(role="admin").user


MOVES = {
    "approve": lambda a, by: _approve(a, by),
    "reject": lambda a, by: association_reject(association=a, by=by, reason="Dossier incomplet"),
    "suspend": lambda a, by: association_suspend(association=a, by=by, reason="Assurances"),
    "reinstate": lambda a, by: association_reinstate(association=a, by=by, today=TODAY),
    "resubmit": lambda a, by: association_resubmit(association=a, by=_admin_of(a)),
}
ALLOWED = {
    ("pending", "approve"): "approved",
    ("pending", "reject"): "rejected",
    ("approved", "suspend"): "suspended",
    ("suspended", "approve"): None,
    ("suspended", "reinstate"): "approved",
    ("rejected", "resubmit"): "pending",
}
ALLOWED = {k: v for k, v in ALLOWED.items() if v}
REFUSED = [
    (status, action) for status in S.values for action in MOVES if (status, action) not in ALLOWED
]


@pytest.mark.parametrize(("from_status", "action"), sorted(ALLOWED))
def test_allowed_move_changes_status_and_records_the_decision(fv_admin, from_status, action):
    association = _association(from_status)
    decision = MOVES[action](association, fv_admin)
    association.refresh_from_db()
    assert association.status == ALLOWED[(from_status, action)]
    assert decision.from_status == from_status
    assert decision.to_status == association.status
    assert decision.action == action
    assert decision.decided_at is not None


@pytest.mark.parametrize(("from_status", "action"), REFUSED)
def test_refused_move_raises_and_changes_nothing(fv_admin, from_status, action):
    association = _association(from_status)
    before = AssociationDecision.objects.count()
    with pytest.raises(AssociationError) as error:
        MOVES[action](association, fv_admin)
    assert error.value.code == "invalid_move"
    association.refresh_from_db()
    assert association.status == from_status
    assert AssociationDecision.objects.count() == before


def test_refusal_message_names_the_association_and_its_status(fv_admin):
    association = _association("rejected")
    with pytest.raises(AssociationError) as error:
        association_suspend(association=association, by=fv_admin, reason="x")
    assert association.name in error.value.message


def test_approval_records_who_the_reference_and_the_expiry(fv_admin, pending):
    expires = add_months(TODAY, 48)
    decision = _approve(
        pending, fv_admin, approval_reference=" VSI-2026-0042 ", approval_expires_on=expires
    )
    pending.refresh_from_db()
    assert pending.approval_reference == "VSI-2026-0042"
    assert pending.approval_expires_on == expires
    assert decision.decided_by == fv_admin
    assert decision.approval_reference == "VSI-2026-0042"
    assert decision.approval_expires_on == expires


@pytest.mark.parametrize("reference", ["", "   "])
def test_approval_without_reference_is_refused(fv_admin, pending, reference):
    with pytest.raises(AssociationError) as error:
        _approve(pending, fv_admin, approval_reference=reference)
    assert error.value.code == "no_reference"
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_approval_without_expiry_is_refused(fv_admin, pending):
    with pytest.raises(AssociationError) as error:
        _approve(pending, fv_admin, approval_expires_on=None)
    assert error.value.code == "no_expiry"


def test_approval_expiring_beyond_four_years_is_refused(fv_admin, pending):
    with pytest.raises(AssociationError) as error:
        _approve(pending, fv_admin, approval_expires_on=add_months(TODAY, 48) + timedelta(days=1))
    assert error.value.code == "expiry_too_far"
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert pending.approval_reference == ""


@pytest.mark.parametrize("expires", [TODAY, TODAY - timedelta(days=1)])
def test_approval_expiring_today_or_in_the_past_is_refused(fv_admin, pending, expires):
    with pytest.raises(AssociationError) as error:
        _approve(pending, fv_admin, approval_expires_on=expires)
    assert error.value.code == "expiry_past"


def test_approval_expiring_exactly_four_years_ahead_is_accepted(fv_admin, pending):
    _approve(pending, fv_admin, approval_expires_on=add_months(TODAY, 48))
    pending.refresh_from_db()
    assert pending.status == "approved"


@pytest.mark.parametrize("reason", ["", "  \n "])
def test_rejection_without_reason_is_refused(fv_admin, pending, reason):
    with pytest.raises(AssociationError) as error:
        association_reject(association=pending, by=fv_admin, reason=reason)
    assert error.value.code == "no_reason"
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_suspension_without_reason_is_refused(fv_admin):
    association = _association("approved")
    with pytest.raises(AssociationError):
        association_suspend(association=association, by=fv_admin, reason="")
    association.refresh_from_db()
    assert association.status == "approved"


def test_rejection_keeps_its_reason(fv_admin, pending):
    decision = association_reject(association=pending, by=fv_admin, reason="Statuts manquants")
    assert decision.reason == "Statuts manquants"
    assert decision.decided_by == fv_admin


def test_reinstating_after_the_approval_expired_needs_a_renewed_one(fv_admin):
    association = _association("suspended")
    association.approval_expires_on = TODAY - timedelta(days=1)
    association.save()
    with pytest.raises(AssociationError) as error:
        association_reinstate(association=association, by=fv_admin, today=TODAY)
    assert error.value.code == "approval_expired"
    association_reinstate(
        association=association,
        by=fv_admin,
        today=TODAY,
        approval_reference="VSI-2026-0100",
        approval_expires_on=add_months(TODAY, 24),
    )
    association.refresh_from_db()
    assert association.status == "approved"
    assert association.approval_reference == "VSI-2026-0100"


def test_reinstating_with_a_renewed_approval_beyond_four_years_is_refused(fv_admin):
    association = _association("suspended")
    with pytest.raises(AssociationError):
        association_reinstate(
            association=association,
            by=fv_admin,
            today=TODAY,
            approval_reference="X",
            approval_expires_on=add_months(TODAY, 49),
        )


def test_renewing_the_approval_keeps_the_status_and_records_it(fv_admin):
    association = _association("approved")
    decision = association_renew_approval(
        association=association,
        by=fv_admin,
        approval_reference="VSI-2026-0200",
        approval_expires_on=add_months(TODAY, 48),
        today=TODAY,
    )
    association.refresh_from_db()
    assert association.status == "approved"
    assert association.approval_reference == "VSI-2026-0200"
    assert decision.action == "renew"


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_renewing_an_approval_that_was_never_given_is_refused(fv_admin, status):
    association = _association(status)
    with pytest.raises(AssociationError):
        association_renew_approval(
            association=association,
            by=fv_admin,
            approval_reference="X",
            approval_expires_on=add_months(TODAY, 12),
            today=TODAY,
        )


def test_only_an_admin_of_the_association_may_resubmit(fv_admin):
    association = _association("rejected")
    editor = MembershipFactory(association=association, role="editor").user
    with pytest.raises(AssociationError) as error:
        association_resubmit(association=association, by=editor)
    assert error.value.code == "not_admin"
    association.refresh_from_db()
    assert association.status == "rejected"


def test_full_history_is_kept_in_order(fv_admin, pending):
    admin = MembershipFactory(association=pending, role="admin").user
    association_reject(association=pending, by=fv_admin, reason="Incomplet")
    association_resubmit(association=pending, by=admin, note="Statuts ajoutés")
    _approve(pending, fv_admin)
    association_suspend(association=pending, by=fv_admin, reason="Assurances")
    association_reinstate(association=pending, by=fv_admin, today=TODAY)
    actions = list(pending.decisions.order_by("decided_at", "pk").values_list("action", flat=True))
    assert actions == ["reject", "resubmit", "approve", "suspend", "reinstate"]

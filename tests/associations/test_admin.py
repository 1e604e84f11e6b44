"""France Volontaires in the Django admin: review, filters, decisions and their e-mails."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from associations.models import Association
from tests.factories import (
    AssociationFactory,
    MembershipFactory,
    MissionFactory,
    UserFactory,
    otp_verify,
)
from vsi_portal.entitlements import add_months

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:associations_association_changelist"


@pytest.fixture
def admin_client(client, fv_admin):
    otp_verify(client, fv_admin)
    return client


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _pending_with_admins(*languages):
    association = AssociationFactory(
        status="pending", approval_reference="", approval_expires_on=None
    )
    for language in languages:
        MembershipFactory(
            association=association, role="admin", user=UserFactory(preferred_language=language)
        )
    MembershipFactory(association=association, role="editor")
    return association


def _expiry(months=36):
    return add_months(timezone.localdate(), months).isoformat()


def _bulk(client, action, associations, **data):
    return client.post(
        reverse(CHANGELIST),
        {
            "action": action,
            ACTION_CHECKBOX_NAME: [a.pk for a in associations],
            **data,
        },
    )


def test_changelist_filters_by_status(admin_client):
    pending = _pending_with_admins()
    approved = AssociationFactory()
    page = admin_client.get(reverse(CHANGELIST), {"status__exact": "pending"}).content.decode()
    assert pending.name in page
    assert approved.name not in page


def test_changelist_filters_approvals_expiring_within_90_days(admin_client):
    today = timezone.localdate()
    soon = AssociationFactory(approval_expires_on=today + timedelta(days=30))
    later = AssociationFactory(approval_expires_on=today + timedelta(days=400))
    page = admin_client.get(reverse(CHANGELIST), {"approval": "expiring"}).content.decode()
    assert soon.name in page
    assert later.name not in page


def test_changelist_searches_the_approval_reference(admin_client):
    wanted = AssociationFactory(approval_reference="VSI-ZZ-777")
    other = AssociationFactory()
    page = admin_client.get(reverse(CHANGELIST), {"q": "ZZ-777"}).content.decode()
    assert wanted.name in page
    assert other.name not in page


def test_change_page_shows_the_file_members_missions_and_decision_buttons(admin_client):
    association = _pending_with_admins("fr")
    mission = MissionFactory(association=association, status="draft")
    page = admin_client.get(
        reverse("admin:associations_association_change", args=[association.pk])
    ).content.decode()
    assert association.legal_identifier in page
    assert association.memberships.first().user.email in page
    assert mission.title in page
    assert (
        reverse("admin:associations_association_decide", args=[association.pk, "approve"]) in page
    )
    assert (
        reverse("admin:associations_association_decide", args=[association.pk, "suspend"])
        not in page
    )


def test_status_and_approval_cannot_be_edited_directly(admin_client):
    association = _pending_with_admins("fr")
    url = reverse("admin:associations_association_change", args=[association.pk])
    admin_client.post(url, {"status": "approved", "approval_reference": "HACK", "name": "X"})
    association.refresh_from_db()
    assert association.status == "pending"
    assert association.approval_reference == ""


def test_associations_cannot_be_added_or_deleted_in_the_admin(admin_client):
    association = AssociationFactory()
    assert admin_client.get(reverse("admin:associations_association_add")).status_code == 403
    url = reverse("admin:associations_association_delete", args=[association.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Association.objects.filter(pk=association.pk).exists()


def test_approve_action_first_asks_for_the_reference_and_expiry(admin_client):
    association = _pending_with_admins("fr")
    response = _bulk(admin_client, "approve_selected", [association])
    assert response.status_code == 200
    assert 'name="approval_reference"' in response.content.decode()
    association.refresh_from_db()
    assert association.status == "pending"


def test_approve_action_approves_and_emails_each_admin_in_their_language(
    admin_client, on_commit, outbox
):
    association = _pending_with_admins("fr", "en")
    with on_commit():
        response = _bulk(
            admin_client,
            "approve_selected",
            [association],
            apply="1",
            approval_reference="VSI-2026-0500",
            approval_expires_on=_expiry(),
        )
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.status == "approved"
    assert association.approval_reference == "VSI-2026-0500"
    assert len(outbox) == 2  # the two admins, not the editor
    by_language = {message.to[0]: message for message in outbox}
    french = next(m for m in outbox if "est agréée" in m.subject)
    english = next(m for m in outbox if "is approved" in m.subject)
    assert french.to != english.to
    assert set(by_language) == {m.user.email for m in association.memberships.filter(role="admin")}
    manage = reverse("associations:manage", kwargs={"slug": association.slug})
    assert manage in english.body
    assert "VSI-2026-0500" in english.alternatives[0][0]


def test_approve_action_works_on_several_associations(admin_client, on_commit, outbox):
    first, second = _pending_with_admins("fr"), _pending_with_admins("en")
    with on_commit():
        _bulk(
            admin_client,
            "approve_selected",
            [first, second],
            apply="1",
            approval_reference="VSI-2026-0600",
            approval_expires_on=_expiry(),
        )
    assert set(Association.objects.values_list("status", flat=True)) == {"approved"}
    assert len(outbox) == 2


def test_approve_action_refuses_an_expiry_beyond_four_years_keeping_what_was_typed(admin_client):
    association = _pending_with_admins("fr")
    too_far = _expiry(49)
    response = _bulk(
        admin_client,
        "approve_selected",
        [association],
        apply="1",
        approval_reference="VSI-1",
        approval_expires_on=too_far,
    )
    association.refresh_from_db()
    assert association.status == "pending"
    assert response.status_code == 200
    form = response.context["form"]
    assert any("4 ans" in error for error in form.non_field_errors())
    page = response.content.decode()
    assert 'value="VSI-1"' in page
    assert f'value="{too_far}"' in page


def test_approve_action_without_reference_shows_the_form_again(admin_client):
    association = _pending_with_admins("fr")
    response = _bulk(
        admin_client, "approve_selected", [association], apply="1", approval_expires_on=_expiry()
    )
    assert response.status_code == 200
    association.refresh_from_db()
    assert association.status == "pending"


def test_approve_action_reports_associations_it_could_not_approve(admin_client, on_commit, outbox):
    pending = _pending_with_admins("fr")
    already = AssociationFactory()
    with on_commit():
        response = _bulk(
            admin_client,
            "approve_selected",
            [pending, already],
            apply="1",
            approval_reference="VSI-2026-0700",
            approval_expires_on=_expiry(),
        )
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any(already.name in m and "ne peut pas être approuvée" in m for m in messages)
    pending.refresh_from_db()
    assert pending.status == "approved"


def test_reject_action_needs_a_reason(admin_client):
    association = _pending_with_admins("fr")
    response = _bulk(admin_client, "reject_selected", [association], apply="1", reason="")
    assert response.status_code == 200
    association.refresh_from_db()
    assert association.status == "pending"


def test_reject_action_rejects_and_sends_the_reason(admin_client, on_commit, outbox):
    association = _pending_with_admins("en")
    with on_commit():
        _bulk(admin_client, "reject_selected", [association], apply="1", reason="Missing statutes")
    association.refresh_from_db()
    assert association.status == "rejected"
    assert "is rejected" in outbox[0].subject
    assert "Missing statutes" in outbox[0].body


def test_suspend_then_reinstate_from_the_admin(admin_client, on_commit, outbox):
    association = AssociationFactory()
    MembershipFactory(association=association, user=UserFactory(preferred_language="fr"))
    with on_commit():
        _bulk(admin_client, "suspend_selected", [association], apply="1", reason="Assurances")
    association.refresh_from_db()
    assert association.status == "suspended"
    assert "est suspendue" in outbox[-1].subject
    with on_commit():
        _bulk(admin_client, "reinstate_selected", [association], apply="1", reason="")
    association.refresh_from_db()
    assert association.status == "approved"
    assert "est rétablie" in outbox[-1].subject
    actions = list(association.decisions.values_list("action", flat=True))
    assert sorted(actions) == ["reinstate", "suspend"]


def test_per_object_approve_button(admin_client, on_commit, outbox):
    association = _pending_with_admins("fr")
    url = reverse("admin:associations_association_decide", args=[association.pk, "approve"])
    assert admin_client.get(url).status_code == 200
    with on_commit():
        response = admin_client.post(
            url, {"approval_reference": "VSI-2026-0800", "approval_expires_on": _expiry()}
        )
    assert response.url == reverse("admin:associations_association_change", args=[association.pk])
    association.refresh_from_db()
    assert association.status == "approved"
    assert len(outbox) == 1


def test_per_object_approval_refused_shows_the_form_again_with_what_was_typed(admin_client):
    association = _pending_with_admins("fr")
    url = reverse("admin:associations_association_decide", args=[association.pk, "approve"])
    too_far = _expiry(60)
    response = admin_client.post(
        url, {"approval_reference": "VSI-2026-0801", "approval_expires_on": too_far}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "4 ans" in page
    assert 'value="VSI-2026-0801"' in page
    assert f'value="{too_far}"' in page
    association.refresh_from_db()
    assert association.status == "pending"


def test_per_object_rejection_refused_keeps_the_reason_typed(admin_client):
    association = AssociationFactory()  # approved: cannot be rejected
    url = reverse("admin:associations_association_decide", args=[association.pk, "reject"])
    response = admin_client.post(url, {"reason": "Les statuts ne sont pas à jour."})
    assert response.status_code == 200
    page = response.content.decode()
    assert "ne peut pas être rejetée" in page
    assert "Les statuts ne sont pas à jour." in page


def test_the_approval_form_starts_from_the_declared_reference(admin_client):
    association = _pending_with_admins("fr")
    Association.objects.filter(pk=association.pk).update(approval_reference="VSI-DECLARE-7")
    url = reverse("admin:associations_association_decide", args=[association.pk, "approve"])
    assert 'value="VSI-DECLARE-7"' in admin_client.get(url).content.decode()


def test_the_list_shows_pending_files_first_the_longest_waiting_first(admin_client):
    approved = AssociationFactory(name="A Agréée")
    newer = _pending_with_admins()
    older = _pending_with_admins()
    now = timezone.now()
    for association, days_ago in ((newer, 2), (older, 30)):
        association.decisions.create(
            action="register", to_status="pending", decided_at=now - timedelta(days=days_ago)
        )
    page = admin_client.get(reverse(CHANGELIST), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert page.index(older.name) < page.index(newer.name) < page.index(approved.name)
    assert "(30 jours)" in page


def test_per_object_renewal_keeps_the_status(admin_client):
    association = AssociationFactory(approval_expires_on=timezone.localdate() + timedelta(days=20))
    url = reverse("admin:associations_association_decide", args=[association.pk, "renew"])
    admin_client.post(url, {"approval_reference": "VSI-R", "approval_expires_on": _expiry(48)})
    association.refresh_from_db()
    assert association.status == "approved"
    assert association.approval_reference == "VSI-R"


def test_unknown_decision_is_404(admin_client):
    association = AssociationFactory()
    url = reverse("admin:associations_association_decide", args=[association.pk, "delete"])
    assert admin_client.get(url).status_code == 404


def test_staff_without_the_decide_permission_cannot_decide(client):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_association"))
    otp_verify(client, viewer)
    association = _pending_with_admins("fr")
    assert client.get(reverse(CHANGELIST)).status_code == 200
    url = reverse("admin:associations_association_decide", args=[association.pk, "approve"])
    assert (
        client.post(url, {"approval_reference": "X", "approval_expires_on": _expiry()}).status_code
        == 403
    )
    _bulk(
        client,
        "approve_selected",
        [association],
        apply="1",
        approval_reference="X",
        approval_expires_on=_expiry(),
    )
    association.refresh_from_db()
    assert association.status == "pending"


def test_a_non_staff_person_cannot_open_the_admin(client, owner):
    client.force_login(owner.user)
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 302
    assert "login" in response.url


def test_decision_email_text_is_not_html_escaped(admin_client, on_commit, outbox):
    association = _pending_with_admins("fr")
    with on_commit():
        _bulk(
            admin_client,
            "reject_selected",
            [association],
            apply="1",
            reason="Il manque l'attestation & les statuts",
        )
    assert "Il manque l'attestation & les statuts" in outbox[0].body
    assert "&amp;" in outbox[0].alternatives[0][0]

"""Demo associations (``data/associations.toml``): approved ones with their teams, and one
in each other state.

Each association is registered by its admin and decided on by France Volontaires' admin
through the associations services, which record its history; an editor joins by
invitation. A suspension, or an approval's corrected expiry, waits until the
association's missions are published (``load_suspensions``, ``load_approval_corrections``,
run after the missions). Idempotent: found by slug.
"""

from __future__ import annotations

from datetime import date, timedelta

from associations.models import Association, AssociationDecision, AssociationDocument, Membership
from associations.services.associations import (
    association_approve,
    association_document_upload,
    association_register,
    association_reject,
    association_renew_approval,
    association_suspend,
)
from associations.services.staff import invitation_accept, invitation_create
from vsi_portal.accounts.models import User
from vsi_portal.entitlements import add_months

from .accounts import DEMO_ADMIN_EMAIL, DemoReport, demo_user
from .content import at, read
from .pdf import pdf_upload

Status = Association.Status
PROFILE_FIELDS = (
    "name",
    "kind",
    "legal_identifier",
    "address",
    "city",
    "website",
    "contact_email",
    "description",
    "min_volunteer_age",
)


def specs() -> list[dict]:
    return read("associations")["association"]


def association_admin(association: Association) -> User | None:
    """Who acts for the association in the demo: its first admin."""
    membership = (
        Membership.objects.filter(association=association, role=Membership.Role.ADMIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _days_ago(today: date, days: int) -> date:
    return today - timedelta(days=days)


def _approval_expires_on(spec: dict, today: date, *, first: bool = False) -> date:
    if first and "approval_first_expires_in_months" in spec:
        return add_months(today, spec["approval_first_expires_in_months"])
    if "approval_expires_in_days" in spec:
        return today + timedelta(days=spec["approval_expires_in_days"])
    return add_months(today, spec["approval_expires_in_months"])


def _backdate(decision: AssociationDecision, day: date) -> None:
    # The services date a decision now; the demo's history happened earlier.
    AssociationDecision.objects.filter(pk=decision.pk).update(decided_at=at(day))


# The documents an association attaches to its file, unless its data says which
# (`documents = [...]`): the pending one lacks its approval decision, for the demo to send it.
FILE_DOCUMENTS = {
    AssociationDocument.Kind.APPROVAL_DECISION: (
        "decision-agrement.pdf",
        ["Ministere de l'Europe et des Affaires etrangeres", "Decision d'agrement VSI"],
    ),
    AssociationDocument.Kind.STATUTES: ("statuts.pdf", ["Statuts de l'association"]),
}


def _attach_documents(association: Association, spec: dict, *, admin: User) -> None:
    """Attaches, once, the documents the association's data lists (both by default)."""
    on_file = set(association.documents.values_list("kind", flat=True))
    for kind in spec.get("documents", list(FILE_DOCUMENTS)):
        if kind in on_file:
            continue
        file_name, lines = FILE_DOCUMENTS[kind]
        association_document_upload(
            association=association,
            kind=kind,
            upload=pdf_upload(file_name, [*lines, association.slug]),
            by=admin,
        )


def _register(spec: dict, *, admin: User, fv_admin: User, today: date) -> Association:
    association = association_register(
        by=admin,
        country="FR",
        # The reference the association declares (France Volontaires records it on approval).
        approval_reference=spec.get("approval_reference", ""),
        **{name: spec[name] for name in PROFILE_FIELDS},
    )

    # The service derives the slug from the name; the demo's own slugs are its natural keys.
    Association.objects.filter(pk=association.pk).update(slug=spec["slug"])
    association.refresh_from_db()
    _backdate(association.decisions.get(), _days_ago(today, spec["registered_days_ago"]))
    if spec["status"] in (Status.APPROVED, Status.SUSPENDED):
        approved_on = _days_ago(today, spec["approved_days_ago"])
        decision = association_approve(
            association=association,
            by=fv_admin,
            approval_reference=spec["approval_reference"],
            approval_expires_on=_approval_expires_on(spec, today, first=True),
            today=approved_on,
        )
        _backdate(decision, approved_on)
    elif spec["status"] == Status.REJECTED:
        decision = association_reject(association=association, by=fv_admin, reason=spec["reason"])
        _backdate(decision, _days_ago(today, spec["decided_days_ago"]))
    return association


def _add_editor(association: Association, *, admin: User, editor: User) -> None:
    if Membership.objects.filter(association=association, user=editor).exists():
        return
    _invitation, token = invitation_create(
        association=association, email=editor.email, role=Membership.Role.EDITOR, by=admin
    )
    invitation_accept(token=token, user=editor)


def load(*, today: date, report: DemoReport) -> None:
    fv_admin = User.objects.get(email=DEMO_ADMIN_EMAIL)
    for spec in specs():
        person = spec["admin"]
        admin = demo_user(
            email=person["email"], full_name=person["name"], language=person["language"]
        )
        association = Association.objects.filter(slug=spec["slug"]).first()
        if association is None:
            association = _register(spec, admin=admin, fv_admin=fv_admin, today=today)
        _attach_documents(association, spec, admin=admin)
        report.login(
            spec.get("login", f"Association admin ({spec['status']})"),
            person["email"],
            f"{spec['name']} – {person['language']}",
        )
        if "editor" in spec:
            person = spec["editor"]
            editor = demo_user(
                email=person["email"], full_name=person["name"], language=person["language"]
            )
            _add_editor(association, admin=admin, editor=editor)
            report.login(
                "Association editor", person["email"], f"{spec['name']} – {person['language']}"
            )


def load_suspensions(*, today: date) -> None:
    """Suspends, once, the associations the data file says are suspended."""
    fv_admin = User.objects.get(email=DEMO_ADMIN_EMAIL)
    for spec in specs():
        if spec["status"] != Status.SUSPENDED:
            continue
        association = Association.objects.filter(slug=spec["slug"]).first()
        if association is None or association.status != Status.APPROVED:
            continue
        if association.decisions.filter(action=AssociationDecision.Action.SUSPEND).exists():
            continue  # suspended before, and reinstated since
        decision = association_suspend(association=association, by=fv_admin, reason=spec["reason"])
        _backdate(decision, _days_ago(today, spec["decided_days_ago"]))


def load_approval_corrections(*, today: date) -> None:
    """Records, once, the ministry's actual expiry of the approvals the data file first
    recorded longer (``approval_first_expires_in_months``): a renewal decision."""
    fv_admin = User.objects.get(email=DEMO_ADMIN_EMAIL)
    for spec in specs():
        if "approval_corrected_days_ago" not in spec:
            continue
        association = Association.objects.filter(slug=spec["slug"]).first()
        if association is None or association.status != Status.APPROVED:
            continue
        if association.decisions.filter(action=AssociationDecision.Action.RENEW).exists():
            continue
        corrected_on = _days_ago(today, spec["approval_corrected_days_ago"])
        decision = association_renew_approval(
            association=association,
            by=fv_admin,
            approval_reference=spec["approval_reference"],
            approval_expires_on=_approval_expires_on(spec, today),
            today=corrected_on,
        )
        _backdate(decision, corrected_on)

"""An association's file and its status.

An association's status moves only here, along DESIGN.md's table:

    pending  → approved | rejected        (France Volontaires)
    approved → suspended → approved       (France Volontaires: suspend, reinstate)
    rejected → pending                    (the association corrects its file and asks again)

Each move records an `AssociationDecision` (who, when, from, to, why, the approval
reference and expiry at that time) and, for France Volontaires' decisions, e-mails
the association's administrators in their own language once the move is committed.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from vsi_portal import search_cache
from vsi_portal.entitlements import add_months
from vsi_portal.outbox.services import outbox_write
from vsi_portal.security.models import AuditEvent
from vsi_portal.security.services import audit_record

from .. import emails
from ..errors import AssociationError
from ..hooks import association_renamed
from ..models import (
    LEGAL_IDENTIFIER_TAKEN,
    Association,
    AssociationDecision,
    AssociationDocument,
    Membership,
)
from ..validators import normalize_legal_identifier
from .documents import file_document_store

Status = Association.Status
Action = AssociationDecision.Action
Role = Membership.Role


APPROVAL_MAX_MONTHS = 48  # a ministry approval lasts at most 4 years (loi 2005-159, décret 2022)

# The moves of DESIGN.md's table: action → (statuses it leaves from, status it goes to).
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    Action.APPROVE: (frozenset({Status.PENDING}), Status.APPROVED),
    Action.REJECT: (frozenset({Status.PENDING}), Status.REJECTED),
    Action.SUSPEND: (frozenset({Status.APPROVED}), Status.SUSPENDED),
    Action.REINSTATE: (frozenset({Status.SUSPENDED}), Status.APPROVED),
    Action.RESUBMIT: (frozenset({Status.REJECTED}), Status.PENDING),
}
# Decisions France Volontaires takes, which the association's admins are told about by e-mail.
NOTIFIED_ACTIONS = frozenset(
    {Action.APPROVE, Action.REJECT, Action.SUSPEND, Action.REINSTATE, Action.RENEW}
)
# Steps that put a file in France Volontaires' review queue: their reviewers are told.
REVIEW_ACTIONS = frozenset({Action.REGISTER, Action.RESUBMIT})

PROFILE_FIELDS = (
    "name",
    "kind",
    "legal_identifier",
    "approval_reference",
    "address",
    "city",
    "country",
    "website",
    "contact_email",
    "description",
    "logo",
    "min_volunteer_age",
)
# Fixed once France Volontaires approved the file on their basis (a renewed approval's
# reference is recorded by France Volontaires: `association_renew_approval`).
FIELDS_LOCKED_ONCE_APPROVED = ("kind", "legal_identifier", "approval_reference")
RESERVED_SLUGS = frozenset({"staff", "register", "invitations", "manage", "new"})


# --- Registration and profile ---------------------------------------------------


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "association"
    if base in RESERVED_SLUGS:
        base = f"{base}-association"
    slug, n = base, 1
    while Association.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _clean_profile(changes: dict) -> dict:
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {', '.join(sorted(unknown))}")
    if "legal_identifier" in changes:
        changes["legal_identifier"] = normalize_legal_identifier(changes["legal_identifier"])
    if "min_volunteer_age" in changes and (changes["min_volunteer_age"] or 0) < 18:
        raise AssociationError(_("The minimum volunteer age is 18 or more."), code="min_age")
    return changes


def _require_legal_identifier_free(legal_identifier: str, *, other_than: int | None = None):
    others = Association.objects.with_legal_identifier(legal_identifier)
    if other_than is not None:
        others = others.exclude(pk=other_than)
    if others.exists():
        raise AssociationError(str(LEGAL_IDENTIFIER_TAKEN), code="legal_identifier_taken")


def _save_unique(association: Association, *, name: str | None = None) -> None:
    """Save ``association``; a unique value taken at the same moment by someone else is
    refused in words (the legal identifier) or replaced (the slug, when ``name`` is given:
    a new one from the name, a few times)."""
    for _attempt in range(5):
        if name is not None:
            association.slug = _unique_slug(name)
        try:
            with transaction.atomic():
                association.save()
        except IntegrityError:
            _require_legal_identifier_free(association.legal_identifier, other_than=association.pk)
            if name is None or not Association.objects.filter(slug=association.slug).exists():
                raise
        else:
            return
    raise AssociationError(_("The file could not be saved at this moment: try again."))


def _require_no_pending_registration(user, *, other_than: int | None = None) -> None:
    """One file waiting for France Volontaires' review per person (registered or resubmitted)."""
    pending = Association.objects.filter(created_by=user, status=Status.PENDING)
    if other_than is not None:
        pending = pending.exclude(pk=other_than)
    if pending.exists():
        raise AssociationError(
            _(
                "You already registered an association that France Volontaires has not "
                "reviewed yet. You can register another one once they have decided on it."
            ),
            code="registration_pending",
        )


def lock_person(user) -> None:
    """Locks the person's account row until the transaction ends, so that the limits on
    what one person may do (one pending registration, invitations an hour) are counted one
    request at a time, even when two arrive together."""
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))


def _store_documents(association: Association, documents: dict | None, *, by) -> None:
    for kind, upload in (documents or {}).items():
        file_document_store(association=association, kind=kind, upload=upload, by=by)


@transaction.atomic
def association_register(*, by, documents: dict | None = None, **profile) -> Association:
    """A signed-in person registers an association: it waits for approval, they are its admin.

    `documents` (kind → uploaded file) are the documents of its file attached at once.

    One file waiting for review per person: each registration asks France Volontaires for a
    review, so a second one waits until the first is decided. One association per legal
    identifier: one registered by someone else, even at the same moment, is refused with
    ``AssociationError(code="legal_identifier_taken")``.
    """
    profile = _clean_profile(dict(profile))
    lock_person(by)
    _require_no_pending_registration(by)
    _require_legal_identifier_free(profile["legal_identifier"])
    association = Association(**profile, status=Status.PENDING, created_by=by)
    # The legal identifier's uniqueness is checked above, and the slug's when saving.
    association.full_clean(exclude=["logo", "slug"], validate_constraints=False)
    _save_unique(association, name=profile["name"])
    Membership.objects.create(user=by, association=association, role=Role.ADMIN)
    _store_documents(association, documents, by=by)
    _record(association, action=Action.REGISTER, from_status="", by=by)
    return association


def require_admin(association: Association, user) -> None:
    """Refuse anyone but an administrator of the association (the staff services call it)."""
    if not Membership.objects.filter(association=association, user=user, role=Role.ADMIN).exists():
        raise AssociationError(
            _("Only an administrator of the association can do this."), code="not_admin"
        )


@transaction.atomic
def association_update_profile(
    *, association: Association, by, documents: dict | None = None, **changes
) -> Association:
    """An admin corrects the association's file, and attaches or replaces `documents` (kind →
    uploaded file); status and approval never change here."""
    require_admin(association, by)
    changes = _clean_profile(dict(changes))
    locked = Association.objects.select_for_update().get(pk=association.pk)
    if locked.status in (Status.APPROVED, Status.SUSPENDED):
        for field in FIELDS_LOCKED_ONCE_APPROVED:
            if field in changes and changes[field] != getattr(locked, field):
                raise AssociationError(
                    _(
                        "The kind, the legal identifier and the approval reference of an "
                        "approved association cannot change here: contact France Volontaires."
                    ),
                    code="locked_field",
                )
    if "legal_identifier" in changes:
        _require_legal_identifier_free(changes["legal_identifier"], other_than=locked.pk)
    old_logo_name = locked.logo.name if locked.logo else ""
    for field, value in changes.items():
        setattr(locked, field, value)
    locked.full_clean(exclude=["logo"], validate_constraints=False)
    _save_unique(locked)
    if "name" in changes:
        association_renamed(locked)
    new_logo_name = locked.logo.name if locked.logo else ""
    if old_logo_name and old_logo_name != new_logo_name:
        storage = locked.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo_name))
    _store_documents(locked, documents, by=by)
    association.refresh_from_db()
    return locked


@transaction.atomic
def association_document_upload(
    *, association: Association, kind: str, upload, by
) -> AssociationDocument:
    """An administrator attaches (or replaces) one document of the association's file."""
    require_admin(association, by)
    return file_document_store(association=association, kind=kind, upload=upload, by=by)


# --- Status moves ------------------------------------------------------------------


def _refusal(association: Association, action: str) -> AssociationError:
    status = association.get_status_display()
    messages = {
        Action.APPROVE: _("“%(name)s” cannot be approved: its status is “%(status)s”."),
        Action.REJECT: _("“%(name)s” cannot be rejected: its status is “%(status)s”."),
        Action.SUSPEND: _("“%(name)s” cannot be suspended: its status is “%(status)s”."),
        Action.REINSTATE: _("“%(name)s” cannot be reinstated: its status is “%(status)s”."),
        Action.RESUBMIT: _(
            "“%(name)s” cannot be submitted again: only a rejected file can, "
            "and its status is “%(status)s”."
        ),
        Action.RENEW: _(
            "The approval of “%(name)s” cannot be renewed: its status is “%(status)s”."
        ),
    }
    return AssociationError(
        messages[action] % {"name": association.name, "status": status}, code="invalid_move"
    )


def _check_approval(reference: str, expires_on: date | None, *, today: date) -> str:
    reference = (reference or "").strip()
    if not reference:
        raise AssociationError(
            _("Approving needs the ministry approval reference."), code="no_reference"
        )
    if expires_on is None:
        raise AssociationError(
            _("Approving needs the date the ministry approval expires."), code="no_expiry"
        )
    if expires_on <= today:
        raise AssociationError(
            _("The approval expiry date must be in the future."), code="expiry_past"
        )
    latest = add_months(today, APPROVAL_MAX_MONTHS)
    if expires_on > latest:
        raise AssociationError(
            _(
                "A ministry approval lasts at most 4 years: the expiry date cannot be "
                "after %(date)s."
            )
            % {"date": latest.strftime("%d/%m/%Y")},
            code="expiry_too_far",
        )
    return reference


def _require_reason(reason: str, action: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        if action == Action.REJECT:
            raise AssociationError(_("Give the reason for the rejection."), code="no_reason")
        raise AssociationError(_("Give the reason for the suspension."), code="no_reason")
    return reason


def _record(
    association: Association, *, action: str, from_status: str, by, reason: str = ""
) -> AssociationDecision:
    decision = AssociationDecision.objects.create(
        association=association,
        action=action,
        from_status=from_status,
        to_status=association.status,
        decided_by=by,
        reason=reason,
        approval_reference=association.approval_reference,
        approval_expires_on=association.approval_expires_on,
    )
    audit_record(
        actor=by,
        action=AuditEvent.Action.ASSOCIATION_DECISION,
        subject=association,
        details={"decision": action, "from": from_status, "to": association.status},
    )
    if action in NOTIFIED_ACTIONS:
        outbox_write(emails=emails.decision_emails(decision))
    if action in REVIEW_ACTIONS:
        outbox_write(emails=emails.review_request_emails(decision))
    return decision


def _move(
    association: Association,
    action: str,
    *,
    by,
    reason: str = "",
    reference: str | None = None,
    expires_on: date | None = None,
) -> AssociationDecision:
    locked = Association.objects.select_for_update().get(pk=association.pk)
    sources, target = TRANSITIONS[action]
    if locked.status not in sources:
        raise _refusal(locked, action)
    from_status = locked.status
    locked.status = target
    fields = ["status", "updated_at"]
    if reference is not None:
        locked.approval_reference = reference
        locked.approval_expires_on = expires_on
        fields += ["approval_reference", "approval_expires_on"]
    locked.save(update_fields=fields)
    # Only an approved association's missions are in the public search.
    search_cache.results_changed()
    decision = _record(locked, action=action, from_status=from_status, by=by, reason=reason)
    association.refresh_from_db()
    return decision


@transaction.atomic
def association_approve(
    *,
    association: Association,
    by,
    approval_reference: str,
    approval_expires_on: date | None,
    today: date | None = None,
) -> AssociationDecision:
    """France Volontaires approves a pending file, recording the ministry approval."""
    today = today or timezone.localdate()
    reference = _check_approval(approval_reference, approval_expires_on, today=today)
    return _move(
        association,
        Action.APPROVE,
        by=by,
        reference=reference,
        expires_on=approval_expires_on,
    )


@transaction.atomic
def association_reject(*, association: Association, by, reason: str) -> AssociationDecision:
    return _move(association, Action.REJECT, by=by, reason=_require_reason(reason, Action.REJECT))


@transaction.atomic
def association_suspend(*, association: Association, by, reason: str) -> AssociationDecision:
    """Hides the association's missions and stops new applications and contracts."""
    return _move(association, Action.SUSPEND, by=by, reason=_require_reason(reason, Action.SUSPEND))


@transaction.atomic
def association_reinstate(
    *,
    association: Association,
    by,
    reason: str = "",
    approval_reference: str = "",
    approval_expires_on: date | None = None,
    today: date | None = None,
) -> AssociationDecision:
    """Lifts a suspension. A renewed approval may be given at the same time, and must be
    when the recorded one has expired meanwhile."""
    today = today or timezone.localdate()
    reference = None
    if approval_reference or approval_expires_on:
        reference = _check_approval(approval_reference, approval_expires_on, today=today)
    else:
        current = Association.objects.only("approval_expires_on").get(pk=association.pk)
        if current.approval_expires_on is None or current.approval_expires_on < today:
            raise AssociationError(
                _(
                    "The recorded ministry approval has expired: give the renewed reference "
                    "and its expiry date to reinstate the association."
                ),
                code="approval_expired",
            )
    return _move(
        association,
        Action.REINSTATE,
        by=by,
        reason=(reason or "").strip(),
        reference=reference,
        expires_on=approval_expires_on,
    )


@transaction.atomic
def association_renew_approval(
    *,
    association: Association,
    by,
    approval_reference: str,
    approval_expires_on: date | None,
    today: date | None = None,
) -> AssociationDecision:
    """Records a renewed ministry approval; the status does not change."""
    today = today or timezone.localdate()
    reference = _check_approval(approval_reference, approval_expires_on, today=today)
    locked = Association.objects.select_for_update().get(pk=association.pk)
    if locked.status not in (Status.APPROVED, Status.SUSPENDED):
        raise _refusal(locked, Action.RENEW)
    locked.approval_reference = reference
    locked.approval_expires_on = approval_expires_on
    locked.save(update_fields=["approval_reference", "approval_expires_on", "updated_at"])
    search_cache.results_changed()  # the approval's end bounds what its missions offer
    decision = _record(locked, action=Action.RENEW, from_status=locked.status, by=by)
    association.refresh_from_db()
    return decision


@transaction.atomic
def association_resubmit(*, association: Association, by, note: str = "") -> AssociationDecision:
    """A rejected association, its file corrected, asks France Volontaires again.

    One file waiting for review per person, as at registration.
    """
    require_admin(association, by)
    lock_person(by)
    _require_no_pending_registration(by, other_than=association.pk)
    return _move(association, Action.RESUBMIT, by=by, reason=(note or "").strip())

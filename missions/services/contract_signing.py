"""The two signatures of a contract (or of an amendment): the volunteer's first, then the
association's. The volunteer may decline an offer instead, or take back their signature and
decline while the association has not signed. An amendment is signed only while it still
fits the contract (planned or running, no notice given, its terms within the rules of an
amendment); a first contract only before its start.

Each signature records the account, the full name the signer typed (it must be the
account's own name: case, accents and spaces aside) and when, on the version; the audit
trail records it too, with the address it came from. The rules run again at each
signature with the version's dates and the volunteer's days served or committed elsewhere.
The volunteer's row is locked before they are judged (one contract at a time); the
database's exclusion constraint (a trigger on SQLite) stands behind the lock. Lock order,
for every service that takes both: the contract's row first (``locked_contract``), then its
pending version, then the volunteer's row (``volunteer_lock``) or the application's.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volunteers.services import volunteer_lock
from vsi_portal.formats import format_day

from ..errors import ContractError
from ..models import Contract, ContractVersion
from .applications import application_leave_for_declined_contract
from .contracts import (
    TRANSITIONS,
    VERSION_TRANSITIONS,
    audit_contract,
    locked_contract,
    may_move,
    overlap_refusal,
    pending_version,
    queue_contract_email,
    require_admin_of,
    require_amendment_fits,
    require_can_recruit,
    require_volunteer_present,
    rules_refusal,
    version_may_move,
)

VersionStatus = ContractVersion.Status
NOT_SIGNED_BY_VOLUNTEER = _("The volunteer has not signed yet: the association signs after them.")


def folded_name(name: str) -> str:
    """A full name as the signature compares it: no case, accents, spaces or punctuation."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    letters = (c for c in decomposed if not unicodedata.combining(c) and c.isalnum())
    return "".join(letters).casefold()


def require_own_name(typed: str, user) -> str:
    """The name typed by the signer, stripped, when it is their account's full name."""
    typed = " ".join((typed or "").split())
    if not typed:
        raise ContractError(_("Type your full name to sign."))
    expected = getattr(user, "full_name", "") or ""
    if not folded_name(expected):
        raise ContractError(
            _("Your account has no full name: add it to your account before you sign.")
        )
    if folded_name(typed) != folded_name(expected):
        raise ContractError(
            _(
                "The name you typed (%(typed)s) is not the full name of your account "
                "(%(expected)s). Type your name as it appears on your account."
            )
            % {"typed": typed, "expected": expected}
        )
    return typed


def _require_offer(contract: Contract, version: ContractVersion | None, move: str):
    if version is None or not version_may_move(version, move):
        raise ContractError(_("There is no offer waiting for your signature on this contract."))
    if not version.is_amendment and not may_move(contract, move):
        raise ContractError(_("There is no offer waiting for your signature on this contract."))


def _require_the_volunteer(contract: Contract, by) -> None:
    require_volunteer_present(contract)
    if contract.volunteer.user_id != getattr(by, "pk", None):
        if contract.association.memberships.filter(user_id=getattr(by, "pk", None)).exists():
            raise ContractError(
                _(
                    "Only the volunteer signs or declines their part of the contract; the "
                    "association signs after them."
                )
            )
        raise ContractError(_("Only the volunteer of this contract can sign or decline it."))


@transaction.atomic
def contract_volunteer_sign(
    *, contract: Contract, by, full_name: str, today: date | None = None, request=None
) -> ContractVersion:
    """The volunteer signs the offer (the contract's, or an amendment's) with their name.

    The first version's signature makes the contract binding: its days are held
    (offered → volunteer_signed); an amendment's waits for the association's.
    """
    today = today or timezone.localdate()
    contract = locked_contract(contract)
    _require_the_volunteer(contract, by)
    version = pending_version(contract)
    _require_offer(contract, version, "volunteer_sign")
    typed = require_own_name(full_name, by)
    if version.is_amendment:
        _require_amendment_signable(contract, version, today)
    elif version.start_on < today:
        raise ContractError(
            _("The contract's start has passed: the association must correct its dates first.")
        )
    volunteer_lock(volunteer_id=contract.volunteer_id)  # one contract at a time
    rules_refusal(
        contract,
        start_on=version.start_on,
        end_on=version.end_on,
        today=today,
        message=_("This contract cannot be signed:"),
    )
    now = timezone.now()
    version.status = VERSION_TRANSITIONS["volunteer_sign"][1]
    version.volunteer_signed_at, version.volunteer_signed_by = now, by
    version.volunteer_signature = typed
    try:
        with transaction.atomic():
            version.save(
                update_fields=[
                    "status",
                    "volunteer_signed_at",
                    "volunteer_signed_by",
                    "volunteer_signature",
                ]
            )
            if not version.is_amendment:
                contract.status = TRANSITIONS["volunteer_sign"][1]
                contract.save(update_fields=["status", "updated_at"])
    except IntegrityError:
        refusal = overlap_refusal(contract, version.start_on, version.end_on)
        if refusal is not None:
            raise refusal from None
        raise
    queue_contract_email(contract, "volunteer_signed", version=version)
    audit_contract(contract, by=by, change="volunteer_sign", request=request, version=version)
    return version


@transaction.atomic
def contract_volunteer_decline(
    *, contract: Contract, by, reason: str, note: str = "", request=None
) -> ContractVersion:
    """The volunteer declines the offer, with a coded reason (and a note if they wish); or,
    having signed it, takes back their signature and declines while the association has not
    signed yet (its approval may lapse, or it may never sign: the days are not held for good).

    Declining the contract itself withdraws the application (it leaves "accepted": the
    mission's place is free for another applicant) and the contract, ``declined``, holds no
    days; declining an amendment leaves the contract as it was signed.
    """
    contract = locked_contract(contract)
    _require_the_volunteer(contract, by)
    version = pending_version(contract)
    _require_offer(contract, version, "volunteer_decline")
    if reason not in ContractVersion.DeclineReason.values:
        raise ContractError(_("Choose why you decline the contract."))
    note = (note or "").strip()
    version.status = VERSION_TRANSITIONS["volunteer_decline"][1]
    version.declined_at = timezone.now()
    version.decline_reason, version.decline_note = reason, note
    version.save(update_fields=["status", "declined_at", "decline_reason", "decline_note"])
    if not version.is_amendment:
        contract.status = TRANSITIONS["volunteer_decline"][1]
        contract.save(update_fields=["status", "updated_at"])
        application_leave_for_declined_contract(
            application=contract.application, by=by, reason=reason, message=note
        )
    queue_contract_email(contract, "declined", version=version)
    audit_contract(contract, by=by, change="volunteer_decline", request=request, version=version)
    return version


def _require_amendment_signable(contract: Contract, version: ContractVersion, today: date):
    """An amendment is signed (by either side) only while it still fits the contract today:
    planned or running, no notice given, its terms within ``amendment_problems`` (the start
    of a contract under way unchanged, the end not before today)."""
    require_amendment_fits(
        contract, version, today=today, message=_("This amendment can no longer be signed:")
    )


def _apply_terms(contract: Contract, version: ContractVersion) -> None:
    """An amendment signed by both sides (``_require_amendment_signable`` checked before
    anything was saved): the contract takes its terms."""
    contract.start_on, contract.end_on = version.start_on, version.end_on
    contract.allowance_eur = version.allowance_eur
    contract.save(update_fields=["start_on", "end_on", "allowance_eur", "updated_at"])


@transaction.atomic
def contract_association_sign(
    *,
    contract: Contract,
    by,
    full_name: str,
    role: str,
    today: date | None = None,
    request=None,
) -> ContractVersion:
    """An administrator signs for the association, after the volunteer, with their name and
    role: the contract is signed by both sides (volunteer_signed → planned), or takes the
    amendment's terms."""
    today = today or timezone.localdate()
    contract = locked_contract(contract)
    if contract.volunteer is not None and contract.volunteer.user_id == getattr(by, "pk", None):
        raise ContractError(
            _("The association's part is signed by one of its administrators, not the volunteer.")
        )
    require_admin_of(contract, by)
    version = pending_version(contract)
    if version is None or not version_may_move(version, "association_sign"):
        raise ContractError(
            _("The volunteer has not signed yet: the association signs after them.")
        )
    if not version.is_amendment and not may_move(contract, "association_sign"):
        raise ContractError(
            _("The volunteer has not signed yet: the association signs after them.")
        )
    require_volunteer_present(contract)
    typed = require_own_name(full_name, by)
    role = " ".join((role or "").split())
    if not role:
        raise ContractError(_("Give your role in the association (president, director…)."))
    if version.is_amendment:
        _require_amendment_signable(contract, version, today)
    elif version.start_on < today:
        raise ContractError(
            _(
                "The contract's start (%(start)s) has passed: the volunteer can decline it, "
                "and you can then prepare a new contract with new dates."
            )
            % {"start": format_day(version.start_on)}
        )
    require_can_recruit(contract, today)
    volunteer_lock(volunteer_id=contract.volunteer_id)
    rules_refusal(
        contract,
        start_on=version.start_on,
        end_on=version.end_on,
        today=today,
        message=_("This contract cannot be signed:"),
    )
    now = timezone.now()
    version.status = VERSION_TRANSITIONS["association_sign"][1]
    version.association_signed_at, version.association_signed_by = now, by
    version.association_signature, version.association_signatory_role = typed, role[:150]
    try:
        with transaction.atomic():
            version.save(
                update_fields=[
                    "status",
                    "association_signed_at",
                    "association_signed_by",
                    "association_signature",
                    "association_signatory_role",
                ]
            )
            if version.is_amendment:
                _apply_terms(contract, version)
            else:
                contract.status = TRANSITIONS["association_sign"][1]
                contract.signed_at, contract.signed_by = now, by
                contract.save(update_fields=["status", "signed_at", "signed_by", "updated_at"])
    except IntegrityError:
        refusal = overlap_refusal(contract, version.start_on, version.end_on)
        if refusal is not None:
            raise refusal from None
        raise
    queue_contract_email(contract, "signed", version=version)
    audit_contract(contract, by=by, change="association_sign", request=request, version=version)
    return version

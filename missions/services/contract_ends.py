"""A contract's end: notice (R17) and its withdrawal, the end the notice sets, the completion
at the term; and the certificate of completion.

The timeline of an early end: notice given on N with a last day D (at least one month
later, ``earliest_end_after_notice``) keeps the contract in its status, planned or under
way, with ``ended_on = D``; the contract holds and serves its days until D
(``Contract.last_day``). The daily job (``contracts_end_due``) marks it ended early on
D + 1, once. Until D the side that gave notice may withdraw it. The certificate comes
after the last day, by an explicit action of an administrator (``contract_issue_certificate``);
neither the completion nor the end issues it.

Each move is audited and e-mailed to both sides (``emails.contract_end_emails``), written
to the outbox in the move's transaction.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volunteers.services import volunteer_lock
from vsi_portal.db import update_returning_pks
from vsi_portal.entitlements import earliest_end_after_notice
from vsi_portal.formats import format_day
from vsi_portal.outbox.services import outbox_write

from .. import emails
from ..certificate import new_certificate_code
from ..errors import ContractError
from ..models import Contract, ContractVersion
from .contracts import (
    TRANSITIONS,
    audit_contract,
    locked_contract,
    may_move,
    require_admin_of,
)

Status = Contract.Status
EndReason = Contract.EndReason
Side = Contract.Side
# The statuses a notice keeps (and the daily job leaves, for ended early).
RUNNING = TRANSITIONS["end_early"][0]
# The reasons a volunteer gives for their own notice (a mutual agreement is recorded by the
# association, which is party to it); the association has every reason.
VOLUNTEER_END_REASONS = (
    EndReason.VOLUNTEER_HEALTH,
    EndReason.FAMILY,
    EndReason.SECURITY,
    EndReason.VOLUNTEER_DECISION,
)
NOTICE_FIELDS = [
    "notice_given_on",
    "notice_side",
    "ended_on",
    "ended_by",
    "end_reason",
    "end_explanation",
    "compelling_reason",
]


# --- What may be done, for the services and the pages alike ---------------------------------


def notice_running(contract: Contract) -> bool:
    """A notice was given and the contract still runs (planned or under way) until its last
    day."""
    return contract.status in RUNNING and contract.notice_given_on is not None


def may_give_notice(contract: Contract) -> bool:
    return may_move(contract, "end_early") and not notice_running(contract)


def may_withdraw_notice(contract: Contract, today: date) -> bool:
    """Until the last day the notice set, included (the contract still runs that day)."""
    return notice_running(contract) and today <= contract.last_day


def may_complete(contract: Contract, today: date) -> bool:
    return (
        may_move(contract, "complete") and not notice_running(contract) and today >= contract.end_on
    )


def certificate_from(contract: Contract) -> date:
    """The first day the certificate can be issued: the day after the last day."""
    return contract.last_day + timedelta(days=1)


def has_served(contract: Contract) -> bool:
    """Over, and it got under way: ended early before its departure, it served nothing."""
    return contract.status == Status.COMPLETED or (
        contract.status == Status.ENDED_EARLY and contract.activated_at is not None
    )


def may_issue_certificate(contract: Contract, today: date) -> bool:
    return (
        not contract.certificate_issued_at
        and has_served(contract)
        and today >= certificate_from(contract)
    )


def is_volunteer_of(contract: Contract, user) -> bool:
    return contract.volunteer is not None and contract.volunteer.user_id == user.pk


def _withdraw_pending_amendment(contract: Contract) -> None:
    """A notice or the completion settles the contract's end: an amendment on its way to
    signatures no longer fits it (it could not be signed), so it is withdrawn with it."""
    contract.versions.filter(number__gt=1, status__in=ContractVersion.PENDING_STATUSES).update(
        status=ContractVersion.Status.WITHDRAWN
    )


def _email_both_sides(contract: Contract, event: str, **extra) -> None:
    outbox_write(emails=emails.contract_end_emails(contract, event, **extra))


# --- Notice ---------------------------------------------------------------------------------


def _notice_problems(
    contract: Contract, *, notice_given_on: date | None, ended_on: date | None, today: date
) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if notice_given_on is None:
        problems["notice_given_on"] = [str(_("Enter the date the notice was given."))]
    elif notice_given_on > today:
        problems["notice_given_on"] = [str(_("The notice date cannot be in the future."))]
    elif contract.signed_at and notice_given_on < timezone.localdate(contract.signed_at):
        problems["notice_given_on"] = [
            str(
                _("The notice cannot date from before the contract was signed (%(signed)s).")
                % {"signed": format_day(timezone.localdate(contract.signed_at))}
            )
        ]
    if ended_on is None:
        problems["ended_on"] = [str(_("Enter the last day of the contract."))]
        return problems
    ended = problems.setdefault("ended_on", [])
    if notice_given_on is not None:
        earliest = earliest_end_after_notice(notice_given_on)
        if ended_on < earliest:
            ended.append(
                str(
                    _(
                        "At least one month's notice: for a notice given on %(notice)s, the "
                        "contract ends on %(earliest)s at the earliest."
                    )
                    % {"notice": format_day(notice_given_on), "earliest": format_day(earliest)}
                )
            )
    if ended_on > contract.end_on:
        ended.append(
            str(
                _("The early end must be on or before the planned end (%(end)s).")
                % {"end": format_day(contract.end_on)}
            )
        )
    if ended_on < contract.start_on:
        ended.append(
            str(
                _("The end cannot be before the contract's start (%(start)s).")
                % {"start": format_day(contract.start_on)}
            )
        )
    if not ended:
        del problems["ended_on"]
    return problems


def _require_side(contract: Contract, by, side: str) -> None:
    if side == Side.ASSOCIATION:
        require_admin_of(contract, by)
    elif side == Side.VOLUNTEER:
        if not is_volunteer_of(contract, by):
            raise ContractError(_("Only the volunteer of this contract can give notice for it."))
    else:
        raise ContractError(_("Say who gives notice: the volunteer or the association."))


@transaction.atomic
def contract_give_notice(
    *,
    contract: Contract,
    by,
    side: str,
    notice_given_on: date | None,
    ended_on: date | None,
    reason: str,
    explanation: str = "",
    compelling_reason: bool = False,
    today: date | None = None,
) -> Contract:
    """Notice of an early end (R17: at least one month), given by the volunteer or the
    association (``side``; an administrator gives it for the association).

    The contract keeps its status (planned or under way) until the last day ``ended_on``;
    ``contracts_end_due`` marks it ended early the day after. Records the notice date, the
    side, who recorded it and why. A compelling reason (health, family, security) matters
    for the resettlement allowance (R18). No certificate: it comes after the last day.
    A notice recorded late, whose last day has already passed, ends the contract at once.
    """
    today = today or timezone.localdate()
    contract = locked_contract(contract)
    _require_side(contract, by, side)
    if not may_move(contract, "end_early"):
        raise ContractError(_("Only a planned or running contract can be ended early."))
    if notice_running(contract):
        raise ContractError(
            _(
                "Notice has already been given: the contract ends on %(end)s. Withdraw that "
                "notice first to give another."
            )
            % {"end": format_day(contract.last_day)}
        )
    allowed = VOLUNTEER_END_REASONS if side == Side.VOLUNTEER else EndReason.values
    if reason not in allowed:
        raise ContractError(_("Choose why the contract ends early."))
    problems = _notice_problems(
        contract, notice_given_on=notice_given_on, ended_on=ended_on, today=today
    )
    if compelling_reason and side == Side.VOLUNTEER:
        # It keeps the insertion premium and opens the resettlement allowance's review: the
        # association records it, the volunteer tells them why in their explanation.
        problems.setdefault("compelling_reason", []).append(
            str(_("Whether a reason is compelling is recorded by the association."))
        )
    elif compelling_reason and reason not in Contract.COMPELLING_END_REASONS:
        problems.setdefault("compelling_reason", []).append(
            str(_("A compelling reason is a matter of health, family or security."))
        )
    if problems:
        raise ValidationError(problems)
    contract.notice_given_on = notice_given_on
    contract.notice_side = side
    contract.ended_on = ended_on
    contract.ended_by = by
    contract.end_reason = reason
    contract.end_explanation = (explanation or "").strip()
    contract.compelling_reason = bool(compelling_reason)
    contract.save(update_fields=[*NOTICE_FIELDS, "updated_at"])
    _withdraw_pending_amendment(contract)
    _email_both_sides(contract, "notice_given")
    audit_contract(contract, by=by, change="give_notice")
    if ended_on < today:
        _end_now(contract)
    return contract


@transaction.atomic
def contract_withdraw_notice(*, contract: Contract, by, today: date | None = None) -> Contract:
    """Withdraw a mistaken notice: the contract runs again to its planned end.

    Only the side that gave it (the volunteer, or an administrator for the association),
    and until the last day the notice set. Refused when the volunteer has meanwhile signed
    another contract for the days the notice freed (one contract at a time).
    """
    today = today or timezone.localdate()
    # The contract first, then its volunteer, as every service locking both does.
    contract = locked_contract(contract)
    if contract.volunteer_id is not None:
        volunteer_lock(volunteer_id=contract.volunteer_id)  # the days it takes back
    if not notice_running(contract):
        raise ContractError(_("No notice is running on this contract."))
    if contract.notice_side == Side.VOLUNTEER:
        if not is_volunteer_of(contract, by):
            raise ContractError(_("The volunteer gave this notice: only they can withdraw it."))
    elif is_volunteer_of(contract, by):
        raise ContractError(
            _("The association gave this notice: only its administrators can withdraw it.")
        )
    else:
        require_admin_of(contract, by)
    if today > contract.last_day:
        raise ContractError(
            _("The contract ended on %(end)s: the notice can no longer be withdrawn.")
            % {"end": format_day(contract.last_day)}
        )
    freed = (contract.last_day + timedelta(days=1), contract.end_on)
    if (
        freed[0] <= freed[1]
        and contract.volunteer_id is not None
        and Contract.objects.binding()
        .filter(volunteer_id=contract.volunteer_id)
        .exclude(pk=contract.pk)
        .sharing_days_with(*freed)
        .exists()
    ):
        raise ContractError(
            _(
                "The volunteer has signed another contract for days after %(end)s: this "
                "notice cannot be withdrawn (one contract at a time)."
            )
            % {"end": format_day(contract.last_day)}
        )
    previous = {"previous_end": contract.ended_on, "previous_notice": contract.notice_given_on}
    contract.notice_given_on = None
    contract.notice_side = ""
    contract.ended_on = None
    contract.ended_by = None
    contract.end_reason = ""
    contract.end_explanation = ""
    contract.compelling_reason = False
    contract.save(update_fields=[*NOTICE_FIELDS, "updated_at"])
    _email_both_sides(contract, "notice_withdrawn", **previous)
    audit_contract(contract, by=by, change="withdraw_notice")
    return contract


def _end_now(contract: Contract) -> None:
    """The notice's last day has passed: ended early (inside the caller's transaction)."""
    if update_returning_pks(
        Contract.objects.filter(pk=contract.pk, status__in=RUNNING),
        status=TRANSITIONS["end_early"][1],
        updated_at=timezone.now(),
    ):
        contract.status = TRANSITIONS["end_early"][1]
        _email_both_sides(contract, "ended_early")
        audit_contract(contract, by=None, change="end_early")


@transaction.atomic
def contracts_end_due(*, today: date) -> list[int]:
    """Daily: the contracts whose notice's last day is before ``today`` are ended early.

    One conditional ``UPDATE ... RETURNING`` moves them: a second worker, a retried task or
    a second beat finds them moved already (the row lock makes it wait for the first one,
    then its condition no longer holds), so each contract ends once and its e-mails are
    written once, in the same transaction. Returns the ids it moved.
    """
    moved = update_returning_pks(
        Contract.objects.filter(
            status__in=RUNNING, notice_given_on__isnull=False, ended_on__lt=today
        ),
        status=TRANSITIONS["end_early"][1],
        updated_at=timezone.now(),
    )
    contracts = Contract.objects.filter(pk__in=moved).select_related(
        "association", "mission", "volunteer__user"
    )
    for contract in contracts.order_by("pk"):
        _email_both_sides(contract, "ended_early")
        audit_contract(contract, by=None, change="end_early")
    return sorted(moved)


# --- Completion and certificate -------------------------------------------------------------


@transaction.atomic
def contract_complete(*, contract: Contract, by, today: date | None = None) -> Contract:
    """A running contract reaches its term: active → completed.

    Allowed from the planned end date on (the last day served counts). A contract under
    notice ends on its own, the day after the notice's last day. The certificate is a
    separate action (``contract_issue_certificate``), from the day after the last day.
    """
    today = today or timezone.localdate()
    contract = locked_contract(contract)
    require_admin_of(contract, by)
    if not may_move(contract, "complete"):
        raise ContractError(_("Only a contract under way can be completed."))
    if notice_running(contract):
        raise ContractError(
            _(
                "Notice was given: the contract ends on %(end)s and is marked ended early the "
                "day after."
            )
            % {"end": format_day(contract.last_day)}
        )
    if today < contract.end_on:
        raise ContractError(
            _(
                "The contract runs until %(end)s: it can be completed from that day on, or ended "
                "early with notice."
            )
            % {"end": format_day(contract.end_on)}
        )
    contract.status = TRANSITIONS["complete"][1]
    contract.save(update_fields=["status", "updated_at"])
    _withdraw_pending_amendment(contract)
    _email_both_sides(contract, "completed")
    audit_contract(contract, by=by, change="complete")
    return contract


def _unused_code() -> str:
    while True:
        code = new_certificate_code()
        if not Contract.objects.filter(certificate_code=code).exists():
            return code


@transaction.atomic
def contract_issue_certificate(
    *,
    contract: Contract,
    by,
    place: str,
    signatory_name: str,
    signatory_role: str,
    today: date | None = None,
) -> Contract:
    """Issue the certificate of completion (R17), once the contract is over.

    An administrator of the association, from the day after the last day of a completed
    contract or one ended early; once. It attests the days actually served (first day to
    last day), says where and when it is made ("Fait à …, le …") and who signs it, and
    carries a random verification code for the public page.
    """
    today = today or timezone.localdate()
    contract = locked_contract(contract)
    require_admin_of(contract, by)
    if contract.certificate_issued_at:
        raise ContractError(_("The certificate of completion has already been issued."))
    if contract.status not in (Status.COMPLETED, Status.ENDED_EARLY):
        raise ContractError(
            _(
                "The certificate is issued once the contract is over: completed, or ended "
                "early after its last day."
            )
        )
    if not has_served(contract):
        raise ContractError(
            _(
                "The contract ended before the volunteer's departure: no day was served, so "
                "there is no certificate to issue."
            )
        )
    if today < certificate_from(contract):
        raise ContractError(
            _("The certificate can be issued from %(date)s, the day after the last day.")
            % {"date": format_day(certificate_from(contract))}
        )
    values = {
        "place": (place or "").strip(),
        "signatory_name": (signatory_name or "").strip(),
        "signatory_role": (signatory_role or "").strip(),
    }
    problems = {name: [str(_("This field is required."))] for name, v in values.items() if not v}
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    contract.certificate_issued_at = now
    contract.certificate_issued_by = by
    contract.certificate_number = f"VSI-{timezone.localdate(now).year}-{contract.pk:06d}"
    contract.certificate_place = values["place"]
    contract.certificate_signatory_name = values["signatory_name"]
    contract.certificate_signatory_role = values["signatory_role"]
    contract.certificate_code = _unused_code()
    contract.certificate_volunteer_name = (
        contract.volunteer.user.full_name if contract.volunteer is not None else ""
    )
    contract.save(
        update_fields=[
            "certificate_issued_at",
            "certificate_issued_by",
            "certificate_number",
            "certificate_place",
            "certificate_signatory_name",
            "certificate_signatory_role",
            "certificate_code",
            "certificate_volunteer_name",
            "updated_at",
        ]
    )
    _email_both_sides(contract, "certificate_issued")
    audit_contract(contract, by=by, change="issue_certificate")
    return contract

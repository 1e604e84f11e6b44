"""A contract's end: early (with notice, R17) or at its term, and its certificate."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vsi_portal.entitlements import (
    earliest_end_after_notice,
)
from vsi_portal.formats import format_day

from ..errors import ContractError
from ..models import Contract
from .contracts import (
    TRANSITIONS,
    audit_contract,
    locked_contract,
    may_move,
    queue_contract_email,
    require_admin_of,
)


def _issue_certificate(contract: Contract) -> None:
    now = timezone.now()
    contract.certificate_issued_at = now
    contract.certificate_number = f"VSI-{timezone.localdate(now).year}-{contract.pk:06d}"


@transaction.atomic
def contract_end_early(
    *,
    contract: Contract,
    by,
    notice_given_on: date,
    ended_on: date,
    reason: str,
    explanation: str = "",
    compelling_reason: bool = False,
    today: date | None = None,
) -> Contract:
    """End a planned or running contract before its term (R17: at least one month's notice).

    Records the notice date, the end, who ended it and why, and issues the certificate of
    completion for the days served (R17: the association issues it). A compelling reason
    (health, family, security) matters for the resettlement allowance (R18).
    """
    today = today or timezone.localdate()
    contract = locked_contract(contract)
    require_admin_of(contract, by)
    if not may_move(contract, "end_early"):
        raise ContractError(_("Only a planned or running contract can be ended early."))
    if reason not in Contract.EndReason.values:
        raise ContractError(_("Choose why the contract ends early."))
    problems: dict[str, list[str]] = {}
    if notice_given_on is None:
        problems["notice_given_on"] = [str(_("Enter the date the notice was given."))]
    elif notice_given_on > today:
        problems["notice_given_on"] = [str(_("The notice date cannot be in the future."))]
    if ended_on is None:
        problems.setdefault("ended_on", []).append(str(_("Enter the last day of the contract.")))
    else:
        if notice_given_on is not None:
            earliest = earliest_end_after_notice(notice_given_on)
            if ended_on < earliest:
                problems.setdefault("ended_on", []).append(
                    str(
                        _(
                            "At least one month's notice: for a notice given on %(notice)s, the "
                            "contract ends on %(earliest)s at the earliest."
                        )
                        % {"notice": format_day(notice_given_on), "earliest": format_day(earliest)}
                    )
                )
        if ended_on > contract.end_on:
            problems.setdefault("ended_on", []).append(
                str(
                    _("The early end must be on or before the planned end (%(end)s).")
                    % {"end": format_day(contract.end_on)}
                )
            )
        if ended_on < contract.start_on:
            problems.setdefault("ended_on", []).append(
                str(
                    _("The end cannot be before the contract's start (%(start)s).")
                    % {"start": format_day(contract.start_on)}
                )
            )
    if compelling_reason and reason not in Contract.COMPELLING_END_REASONS:
        problems.setdefault("compelling_reason", []).append(
            str(_("A compelling reason is a matter of health, family or security."))
        )
    if problems:
        raise ValidationError(problems)
    contract.status = TRANSITIONS["end_early"][1]
    contract.notice_given_on = notice_given_on
    contract.ended_on = ended_on
    contract.ended_by = by
    contract.end_reason = reason
    contract.end_explanation = (explanation or "").strip()
    contract.compelling_reason = bool(compelling_reason)
    _issue_certificate(contract)
    contract.save(
        update_fields=[
            "status",
            "notice_given_on",
            "ended_on",
            "ended_by",
            "end_reason",
            "end_explanation",
            "compelling_reason",
            "certificate_issued_at",
            "certificate_number",
            "updated_at",
        ]
    )
    queue_contract_email(contract, "ended_early")
    audit_contract(contract, by=by, change="end_early")
    return contract


@transaction.atomic
def contract_complete(*, contract: Contract, by, today: date | None = None) -> Contract:
    """A running contract reaches its term: active → completed, and the certificate issued.

    Allowed from the planned end date on (the last day served counts).
    """
    today = today or timezone.localdate()
    contract = locked_contract(contract)
    require_admin_of(contract, by)
    if not may_move(contract, "complete"):
        raise ContractError(_("Only a contract under way can be completed."))
    if today < contract.end_on:
        raise ContractError(
            _(
                "The contract runs until %(end)s: it can be completed from that day on, or ended "
                "early with notice."
            )
            % {"end": format_day(contract.end_on)}
        )
    contract.status = TRANSITIONS["complete"][1]
    _issue_certificate(contract)
    contract.save(
        update_fields=["status", "certificate_issued_at", "certificate_number", "updated_at"]
    )
    queue_contract_email(contract, "completed")
    audit_contract(contract, by=by, change="complete")
    return contract

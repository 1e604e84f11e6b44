"""The worked cases' volunteer and mission (vsi-rules.md), and changes of them, for the
rules' tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from vsi_portal.eligibility import Candidate, Contract, Reason, Verdict, Warning, check

R = Reason
W = Warning
D = date
ONE_DAY = timedelta(days=1)


def candidate(**changes: Any) -> Candidate:
    """The worked cases' volunteer: born 1995-05-10, French, living in France."""
    facts: dict[str, Any] = {
        "birth_date": D(1995, 5, 10),
        "nationalities": frozenset({"FR"}),
        "residence": "FR",
    }
    return Candidate(**(facts | changes))


def contract(**changes: Any) -> Contract:
    """The worked cases' mission: Senegal, 2025-09-01 to 2026-08-31, approved, no minimum."""
    facts: dict[str, Any] = {"country": "SN", "start": D(2025, 9, 1), "end": D(2026, 8, 31)}
    return Contract(**(facts | changes))


def verdict(candidate_changes: dict[str, Any] | None = None, **contract_changes: Any) -> Verdict:
    return check(candidate(**(candidate_changes or {})), contract(**contract_changes))

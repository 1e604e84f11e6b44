"""A visitor's answers to "Am I eligible?", kept in their session only, never stored.

The answers are the profile facts the rules read (``RULES_FACTS``: birth date,
nationalities, residence, employment, leave, other activity), validated by the profile
form's own fields (``forms.RulesFactsForm``) and kept as JSON in the session: ISO dates
and country codes. ``answers_volunteer`` turns them into an unsaved ``Volunteer``, which
``missions.selectors.candidates.candidate_for`` judges like a signed-in person's profile
(with no prior mission). Nothing here writes the database; signing up carries the answers
into the new profile (``receivers.py``), then forgets them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from vsi_portal.geography import is_country_code

from .models import Volunteer

SESSION_KEY = "eligibility_answers"

# The profile fields the rules read, in the profile form's order.
RULES_FACTS = (
    "birth_date",
    "nationalities",
    "residence",
    "employed",
    "leave_kind",
    "leave_start",
    "leave_end",
    "other_activity",
)
DATE_FACTS = ("birth_date", "leave_start", "leave_end")
BOOLEAN_FACTS = ("employed", "other_activity")


def _code(value: Any) -> str:
    return str(getattr(value, "code", value) or "")


def answers_keep(session, cleaned_data: dict[str, Any]) -> None:
    """Keep the validated answers (a ``RulesFactsForm``'s cleaned data) in the session."""
    session[SESSION_KEY] = {
        "birth_date": cleaned_data["birth_date"].isoformat(),
        "nationalities": sorted(_code(code) for code in cleaned_data["nationalities"]),
        "residence": _code(cleaned_data["residence"]),
        "employed": bool(cleaned_data.get("employed")),
        "leave_kind": cleaned_data.get("leave_kind") or "",
        "leave_start": _iso(cleaned_data.get("leave_start")),
        "leave_end": _iso(cleaned_data.get("leave_end")),
        "other_activity": bool(cleaned_data.get("other_activity")),
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def answers_forget(session) -> None:
    session.pop(SESSION_KEY, None)


def has_answers(session) -> bool:
    """Whether the visitor answered (reads the session, which may cost its one query)."""
    return SESSION_KEY in session


def answers_of(session) -> dict[str, Any] | None:
    """The answers as profile values (dates, codes, booleans), or None.

    What does not read as answers (an older shape, a value edited by hand) is forgotten
    rather than judged: the visitor answers again.
    """
    raw = session.get(SESSION_KEY)
    answers = _parsed(raw) if isinstance(raw, dict) else None
    if answers is None and raw is not None:
        answers_forget(session)
    return answers


def _parsed(raw: dict) -> dict[str, Any] | None:
    try:
        answers: dict[str, Any] = {
            name: date.fromisoformat(raw[name]) if raw.get(name) else None for name in DATE_FACTS
        }
        nationalities = [str(code) for code in raw["nationalities"]]
        residence = str(raw["residence"])
    except (KeyError, TypeError, ValueError):
        return None
    leave_kind = raw.get("leave_kind") or ""
    if (
        answers["birth_date"] is None
        or not nationalities
        or not all(is_country_code(code) for code in [*nationalities, residence])
        or leave_kind not in Volunteer.LeaveKind.values
        or any(not isinstance(raw.get(name), bool) for name in BOOLEAN_FACTS)
    ):
        return None
    answers |= {
        "nationalities": nationalities,
        "residence": residence,
        "employed": raw["employed"],
        "leave_kind": leave_kind if raw["employed"] else "",
        "other_activity": raw["other_activity"],
    }
    if not answers["leave_kind"]:
        answers["leave_start"] = answers["leave_end"] = None
    return answers


def answers_volunteer(session) -> Volunteer | None:
    """An unsaved profile holding the visitor's answers, or None when they did not answer."""
    answers = answers_of(session)
    if answers is None:
        return None
    return Volunteer(**answers)

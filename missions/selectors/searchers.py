"""Who searches, as the rules see them: a signed-in volunteer's profile or a visitor's
"Am I eligible?" answers, as a candidate when the rules have every fact they need; and
whether "missions I can apply to" filters their search (read by the search, the map and
the mission and apply pages)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from volunteers.answers import answers_volunteer
from volunteers.selectors import volunteer_missing_facts
from vsi_portal.eligibility import Candidate

from .candidates import candidate_for, volunteer_with_history

MISSING_FACT_LABELS = {
    "birth_date": gettext_lazy("your birth date"),
    "nationalities": gettext_lazy("your nationalities"),
    "residence": gettext_lazy("your country of residence"),
    "leave_dates": gettext_lazy("the dates of your leave"),
}


def missing_fact_labels(facts) -> list[str]:
    """The profile facts the rules still need, as words for a sentence ("your birth date")."""
    return [str(MISSING_FACT_LABELS.get(fact, fact)) for fact in facts]


@dataclass(frozen=True)
class Searcher:
    """Who searches, as the rules see them: a candidate (a complete profile, or a visitor's
    answers) gets badges and "missions I can apply to" on by default."""

    candidate: Candidate | None = None
    kind: str = "anonymous"  # anonymous | answered | signed_in | candidate
    missing_facts: tuple[str, ...] = ()


def searcher_for(request: HttpRequest) -> Searcher:
    """The signed-in person's profile (3 queries), or the visitor's answers (their
    session), as a candidate when the rules have every fact they need."""
    if request.user.is_authenticated:
        volunteer = volunteer_with_history(request.user)
        candidate = candidate_for(volunteer) if volunteer is not None else None
        if candidate is not None:
            return Searcher(candidate, "candidate")
        missing = volunteer_missing_facts(volunteer) if volunteer else list(MISSING_FACT_LABELS)[:3]
        return Searcher(None, "signed_in", tuple(missing_fact_labels(missing)))
    volunteer = answers_volunteer(request.session)
    if volunteer is not None:
        return Searcher(candidate_for(volunteer), "answered")
    return Searcher()


def eligible_filter(searcher: Searcher, values: dict) -> tuple[bool, str]:
    """Whether "missions I can apply to" filters this search (the URL's ``eligible``, else
    on for a candidate), and what to tell someone it cannot filter for: "incomplete" (a
    signed-in profile lacks facts), "answer" (a visitor has not answered), or ""."""
    asked = values.get("eligible")
    filtering = asked if asked is not None else searcher.candidate is not None
    notice = ""
    if filtering and searcher.candidate is None:
        notice = "incomplete" if searcher.kind == "signed_in" else "answer"
    return filtering, notice

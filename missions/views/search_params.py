"""What a search asks, read from its validated form values: shared by the list and the map.

``search_filters`` turns the form's values into ``SearchFilters``; ``search_candidate``
says whose eligibility "missions I can apply to" reads (None: everyone's missions), and
what to tell the person when it cannot (not signed in, profile incomplete).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from volunteers.selectors import volunteer_missing_facts
from vsi_portal.eligibility import Candidate

from ..selectors.candidates import candidate_for, volunteer_with_history
from ..selectors.search import SearchFilters


def search_filters(values: dict) -> SearchFilters:
    return SearchFilters(
        q=(values.get("q") or "").strip(),
        countries=tuple(values.get("country") or ()),
        regions=tuple(values.get("region") or ()),
        domains=tuple(values.get("domain") or ()),
        start_from=values.get("start_from"),
        start_to=values.get("start_to"),
        duration_min=values.get("duration_min"),
        duration_max=values.get("duration_max"),
        allowance_min=values.get("allowance_min"),
        language=values.get("language") or "",
        sort=values.get("sort") or "",
    )


@dataclass(frozen=True)
class SearchCandidate:
    candidate: Candidate | None = None
    notice: str = ""  # "sign_in", "incomplete" or ""
    missing_facts: tuple[str, ...] = ()  # the facts the rules still need (codes)


def search_candidate(request: HttpRequest, values: dict) -> SearchCandidate:
    """Whose missions "missions I can apply to" keeps, when asked."""
    if not values.get("eligible"):
        return SearchCandidate()
    if not request.user.is_authenticated:
        return SearchCandidate(notice="sign_in")
    volunteer = volunteer_with_history(request.user)
    if volunteer is None or volunteer_missing_facts(volunteer):
        facts = tuple(volunteer_missing_facts(volunteer)) if volunteer else ()
        return SearchCandidate(notice="incomplete", missing_facts=facts)
    return SearchCandidate(candidate=candidate_for(volunteer))

"""Where a candidate may serve, in plain words: the "Am I eligible?" answer.

No rule is restated here: every country is judged by ``eligibility.check`` against a
one-day probe contract, and the countries are grouped by the destination reasons the
rules give (their nationality, their residence, the EU/EEA, France's reciprocity). The
words are the rules' own explanations (``vsi_portal.explanations``); the reasons that
hold whatever the destination (employment, another activity, age today) are explained
the same way. France, overseas included, always has its own line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django_countries import countries

from vsi_portal.eligibility import Candidate, Contract, Reason, candidate_constraints, check
from vsi_portal.explanations import explain_reason, explain_warning
from vsi_portal.formats import format_day
from vsi_portal.geography import FRANCE, ISO_3166_ALPHA2, TERRITORY_STATE

from ..models import Mission
from .search import applicable_to

# The reasons that depend on where the mission is.
DESTINATION_REASONS = frozenset(
    {
        Reason.NATIONALITY_COUNTRY,
        Reason.RESIDENCE_COUNTRY,
        Reason.EU_EEA_DESTINATION,
        Reason.FRANCE_RECIPROCITY_NOT_MET,
    }
)
# The reasons that hold whatever the mission, for a contract starting on the probe day.
PERSON_REASONS = (Reason.UNDER_18, Reason.EMPLOYED, Reason.OTHER_PROFESSIONAL_ACTIVITY)
# A group of more countries than this is named, with its countries in a disclosure.
NAMED_GROUP_SIZE = 6


@dataclass(frozen=True)
class Destinations:
    """A group of countries the rules treat alike for this candidate."""

    title: str
    countries: tuple[str, ...]  # their names, in the active language
    texts: tuple[str, ...] = ()  # why closed (reasons) or what to know (warnings)
    france: bool = False

    @property
    def listed(self) -> bool:
        """Whether the title is the list of countries itself."""
        return not self.france and len(self.countries) <= NAMED_GROUP_SIZE


@dataclass(frozen=True)
class EligibilityAnswer:
    open: tuple[Destinations, ...]
    closed: tuple[Destinations, ...]
    person_texts: tuple[str, ...] = ()  # reasons that close every destination for now
    leave_text: str = ""
    blocked: bool = False
    notes: tuple[str, ...] = field(default=())


def _probe_day(candidate: Candidate, today: date) -> date:
    """A day the candidate's age and leave allow, if any: the probe sees only the rest."""
    constraints = candidate_constraints(candidate)
    day = max(today, constraints.adult_from)
    if constraints.leave_window is not None:
        day = max(day, constraints.leave_window.start)
        if day > constraints.leave_window.end:
            day = today
    return day


def _is_france(code: str) -> bool:
    return TERRITORY_STATE.get(code, code) == FRANCE


def eligibility_answer(candidate: Candidate, *, today: date) -> EligibilityAnswer:
    """Which destinations are open to ``candidate`` and why the others are not."""
    day = _probe_day(candidate, today)
    groups: dict[tuple[bool, tuple[Reason, ...]], list[str]] = {}
    warnings: dict[tuple[bool, tuple[Reason, ...]], tuple] = {}
    for code in sorted(ISO_3166_ALPHA2):
        verdict = check(candidate, Contract(country=code, start=day, end=day))
        key = (
            _is_france(code),
            tuple(reason for reason in verdict.reasons if reason in DESTINATION_REASONS),
        )
        groups.setdefault(key, []).append(code)
        if verdict.eligible:
            warnings.setdefault(key, verdict.warnings)
    today_verdict = check(candidate, Contract(country=FRANCE, start=today, end=today))
    person = [reason for reason in PERSON_REASONS if reason in today_verdict.reasons]
    names = dict(countries)
    open_groups, closed_groups = [], []
    for (france, reasons), codes in sorted(groups.items(), key=_group_order):
        country_names = tuple(sorted((names.get(code, code) for code in codes), key=str.casefold))
        if reasons:
            texts = tuple(explain_reason(reason, format_date=format_day) for reason in reasons)
        else:
            texts = tuple(explain_warning(code) for code in warnings.get((france, reasons), ()))
        title = _group_title(france, reasons, country_names)
        group = Destinations(title=title, countries=country_names, texts=texts, france=france)
        (closed_groups if reasons else open_groups).append(group)
    leave = candidate.leave if candidate.employed else None
    return EligibilityAnswer(
        open=tuple(open_groups),
        closed=tuple(closed_groups),
        person_texts=tuple(
            explain_reason(reason, candidate=candidate, format_date=format_day) for reason in person
        ),
        leave_text=(
            " ".join(
                (
                    explain_reason(Reason.LEAVE_DOES_NOT_COVER_CONTRACT),
                    _("Your leave: from %(start)s to %(end)s.")
                    % {"start": format_day(leave.start), "end": format_day(leave.end)},
                )
            )
            if leave
            else ""
        ),
        blocked=candidate_constraints(candidate).blocked,
        notes=(explain_reason(Reason.LIFETIME_CAP_EXCEEDED),),
    )


def _group_order(item) -> tuple:
    (france, reasons), codes = item
    return (france, len(codes) < NAMED_GROUP_SIZE, -len(codes), reasons)


def _group_title(france: bool, reasons: tuple[Reason, ...], names: tuple[str, ...]) -> str:
    if france:
        return _("France, overseas included")
    if len(names) <= NAMED_GROUP_SIZE:
        return ", ".join(names)
    if Reason.EU_EEA_DESTINATION in reasons:
        return _("The countries of the European Union and the European Economic Area")
    if not reasons:
        return _("The countries outside the European Union and the European Economic Area")
    return _("%(count)s countries") % {"count": len(names)}


def open_mission_count(candidate: Candidate, *, today: date) -> int:
    """How many missions open to applications the candidate can apply to (one query)."""
    return applicable_to(Mission.objects.open_for_applications(today=today), candidate).count()

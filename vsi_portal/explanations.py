"""Plain-language explanations of every reason, warning and allowance code, beside the codes.

Each code has a short text saying what the person can do; given the facts, the ``explain_*``
functions add the specifics that help (the date from which they may apply, the days left
under the 6-year cap, their leave dates, where to find the European Solidarity Corps).

The wording lives here, not in templates, so that a page, an e-mail and a PDF say the same
thing and the translators see each sentence once. Texts are lazy translations with named
``%(name)s`` placeholders (translators may reorder them); French translations are kept in
``locale/fr/sources/rules.json``, merged into the catalogue by ``make messages``. This
module imports ``django.utils.translation`` only, so it loads without settings; texts are
translated when they are rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from vsi_portal.eligibility import (
    Candidate,
    Contract,
    Reason,
    Verdict,
    Warning,
    candidate_constraints,
)
from vsi_portal.entitlements import AllowanceProblem, contract_last_day, days

if TYPE_CHECKING:
    from django.utils.functional import Promise

EUROPEAN_SOLIDARITY_CORPS_URL = "https://youth.europa.eu/solidarity_en"

DateFormatter = Callable[[date], str]
AmountFormatter = Callable[[int], str]

# --- What each code means and what the person can do ----------------------------------------

REASON_TEXTS: Mapping[Reason, Promise] = {
    Reason.UNDER_18: _(
        "You must be 18 or over on the first day of the contract. You can already apply "
        "for a mission that starts once you are 18."
    ),
    Reason.BELOW_MIN_AGE: _(
        "This association asks for volunteers older than the legal minimum of 18. Other "
        "associations accept volunteers from 18: look at their missions, or apply here once "
        "you are old enough."
    ),
    Reason.EMPLOYED: _(
        "You cannot be bound by an employment contract during a VSI. Ask your employer for a "
        "sabbatical leave or an international solidarity leave covering the whole mission, "
        "then record it in your profile. If you resign to leave on a continuous mission of at "
        "least one year, the resignation counts as legitimate for unemployment insurance."
    ),
    Reason.LEAVE_DOES_NOT_COVER_CONTRACT: _(
        "Your leave must cover the whole contract, from its first to its last day. Ask your "
        "employer to extend the leave, or choose a mission that fits inside it."
    ),
    Reason.OTHER_PROFESSIONAL_ACTIVITY: _(
        "A VSI excludes any other professional activity. Stop that activity before the "
        "contract starts, then update your profile."
    ),
    Reason.ORGANISATION_NOT_APPROVED: _(
        "Only an association or a public interest group approved by the Ministry for Europe "
        "and Foreign Affairs can sign a VSI contract, and this organisation does not hold a "
        "valid approval on the start date. Ask it about its approval, or choose a mission "
        "with another association."
    ),
    Reason.NATIONALITY_COUNTRY: _(
        "A VSI cannot take place in a country whose nationality you hold (its territories "
        "count as that country). Choose a mission in another country."
    ),
    Reason.RESIDENCE_COUNTRY: _(
        "A VSI cannot take place in the country where you usually live (its territories "
        "count as that country). Choose a mission in another country. If you have moved, "
        "update your country of residence in your profile."
    ),
    Reason.EU_EEA_DESTINATION: _(
        "VSI missions take place outside the European Union and the European Economic Area. "
        "For a solidarity mission in Europe, look at the European Solidarity Corps: "
        "%(esc_url)s"
    ),
    Reason.FRANCE_RECIPROCITY_NOT_MET: _(
        "A VSI in France is open only to people who hold the nationality of a country outside "
        "the European Union and the European Economic Area, or who legally reside in one. "
        "Choose a mission outside Europe, or look at the European Solidarity Corps: "
        "%(esc_url)s"
    ),
    Reason.CONTRACT_OVER_2_YEARS: _(
        "A VSI contract lasts at most 2 years. Shorten the contract; a new contract may follow it."
    ),
    Reason.LIFETIME_CAP_EXCEEDED: _(
        "VSI missions may add up to at most 6 years (2191 days) over a lifetime, counting "
        "every association."
    ),
    Reason.OVERLAPS_PRIOR_MISSION: _(
        "The contract shares days with a VSI mission you have already served or signed. "
        "Choose dates that do not overlap it, or correct your past missions in your profile "
        "if they are wrong."
    ),
}

# The same reasons in a few words, for a result card's badge ("why not" at a glance; the
# mission page gives the whole text above).
REASON_SHORT_TEXTS: Mapping[Reason, Promise] = {
    Reason.UNDER_18: _("Under 18 on the first day"),
    Reason.BELOW_MIN_AGE: _("Under this association's minimum age"),
    Reason.EMPLOYED: _("Employment contract without leave"),
    Reason.LEAVE_DOES_NOT_COVER_CONTRACT: _("Outside your leave"),
    Reason.OTHER_PROFESSIONAL_ACTIVITY: _("Another professional activity"),
    Reason.ORGANISATION_NOT_APPROVED: _("Association not approved on the first day"),
    Reason.NATIONALITY_COUNTRY: _("A country of your nationality"),
    Reason.RESIDENCE_COUNTRY: _("Your country of residence"),
    Reason.EU_EEA_DESTINATION: _("In the EU or the EEA"),
    Reason.FRANCE_RECIPROCITY_NOT_MET: _("France requires a tie outside the EU or the EEA"),
    Reason.CONTRACT_OVER_2_YEARS: _("Longer than 2 years"),
    Reason.LIFETIME_CAP_EXCEEDED: _("Beyond your 6 years of VSI"),
    Reason.OVERLAPS_PRIOR_MISSION: _("Overlaps one of your missions"),
}

WARNING_TEXTS: Mapping[Warning, Promise] = {
    Warning.EUROPEAN_SOLIDARITY_CORPS: _(
        "For solidarity missions in Europe, the European Solidarity Corps may suit you: %(esc_url)s"
    ),
    Warning.EU_NATIONAL_IN_FRANCE: _(
        "You hold the nationality of a country of the European Union or the European "
        "Economic Area: a VSI in France rests on your other nationality or on your residence "
        "outside the EU and the EEA. Keep the documents proving it at hand; the association "
        "will check them."
    ),
    Warning.OVERSEAS_COLLECTIVITY: _(
        "This mission is in French Polynesia, New Caledonia or Wallis and Futuna, where French "
        "law applies only where it says so. The association's staff will review the contract "
        "(social security, allowance, local rules) before you sign it."
    ),
}

ALLOWANCE_TEXTS: Mapping[AllowanceProblem, Promise] = {
    AllowanceProblem.ALLOWANCE_OUTSIDE_FRANCE_RANGE: _(
        "For a volunteer hosted in France, overseas territories included, the monthly "
        "allowance is between €800 and €1,600. Set an amount within that range."
    ),
    AllowanceProblem.ALLOWANCE_BELOW_MINIMUM: _(
        "The monthly allowance of a VSI abroad is at least €150; accommodation, transport and "
        "food are covered on top of it. Set an amount of €150 or more."
    ),
}

# --- Specifics, added when the facts are known ----------------------------------------------

ADULT_FROM = _(
    "You are 18 from %(date)s: you can sign a contract that starts on that date or later."
)
MIN_AGE_FROM = _(
    "This mission requires you to be %(min_age)s on its first day. You are %(min_age)s from "
    "%(date)s: a mission that starts on that date or later is open to you."
)
LEAVE_NEEDED = _("The leave must run at least from %(start)s to %(end)s.")
LEAVE_DATES = _(
    "Your leave runs from %(leave_start)s to %(leave_end)s; the contract runs from %(start)s "
    "to %(end)s."
)
LAST_DAY = _("For a contract starting on %(start)s, the last possible day is %(last_day)s.")
DAYS_LEFT = _("Days left before you reach this limit: %(days_left)s.")
NO_DAYS_LEFT = _("You have already reached this limit: no new VSI contract is possible.")
LATEST_END = _(
    "This contract lasts %(contract_days)s days; starting on %(start)s, it can end on "
    "%(latest_end)s at the latest."
)
OVERLAPPED_MISSION = _("It overlaps your mission from %(prior_start)s to %(prior_end)s.")
AMOUNT_ENTERED = _("The amount entered is %(amount)s.")


@dataclass(frozen=True)
class _Facts:
    candidate: Candidate | None
    contract: Contract | None
    format_date: DateFormatter


Detail = Callable[[_Facts], str | None]


def _render(text: Promise, **values: object) -> str:
    """Translate now and fill the named placeholders."""
    return str(text) % values


def _adult_from(facts: _Facts) -> str | None:
    if facts.candidate is None:
        return None
    adult_from = candidate_constraints(facts.candidate).adult_from
    return _render(ADULT_FROM, date=facts.format_date(adult_from))


def _min_age_from(facts: _Facts) -> str | None:
    if facts.candidate is None or facts.contract is None:
        return None
    min_age = facts.contract.min_age
    from_date = candidate_constraints(facts.candidate).earliest_start_for_age(min_age)
    return _render(MIN_AGE_FROM, min_age=min_age, date=facts.format_date(from_date))


def _leave_needed(facts: _Facts) -> str | None:
    if facts.contract is None:
        return None
    fmt = facts.format_date
    return _render(LEAVE_NEEDED, start=fmt(facts.contract.start), end=fmt(facts.contract.end))


def _leave_dates(facts: _Facts) -> str | None:
    if facts.candidate is None or facts.candidate.leave is None or facts.contract is None:
        return None
    fmt, leave, contract = facts.format_date, facts.candidate.leave, facts.contract
    return _render(
        LEAVE_DATES,
        leave_start=fmt(leave.start),
        leave_end=fmt(leave.end),
        start=fmt(contract.start),
        end=fmt(contract.end),
    )


def _last_day(facts: _Facts) -> str | None:
    if facts.contract is None:
        return None
    start = facts.contract.start
    fmt = facts.format_date
    return _render(LAST_DAY, start=fmt(start), last_day=fmt(contract_last_day(start)))


def _days_left(facts: _Facts) -> str | None:
    if facts.candidate is None:
        return None
    days_left = candidate_constraints(facts.candidate).days_left
    if days_left <= 0:
        return _render(NO_DAYS_LEFT)
    sentences = [_render(DAYS_LEFT, days_left=days_left)]
    if facts.contract is not None:
        start = facts.contract.start
        sentences.append(
            _render(
                LATEST_END,
                contract_days=days(facts.contract.period),
                start=facts.format_date(start),
                latest_end=facts.format_date(start + timedelta(days=days_left - 1)),
            )
        )
    return " ".join(sentences)


def _overlapped_mission(facts: _Facts) -> str | None:
    if facts.candidate is None or facts.contract is None:
        return None
    period = facts.contract.period
    for prior in facts.candidate.prior_missions:
        if prior.overlaps(period):
            fmt = facts.format_date
            return _render(
                OVERLAPPED_MISSION, prior_start=fmt(prior.start), prior_end=fmt(prior.end)
            )
    return None


REASON_DETAILS: Mapping[Reason, Detail] = {
    Reason.UNDER_18: _adult_from,
    Reason.BELOW_MIN_AGE: _min_age_from,
    Reason.EMPLOYED: _leave_needed,
    Reason.LEAVE_DOES_NOT_COVER_CONTRACT: _leave_dates,
    Reason.CONTRACT_OVER_2_YEARS: _last_day,
    Reason.LIFETIME_CAP_EXCEEDED: _days_left,
    Reason.OVERLAPS_PRIOR_MISSION: _overlapped_mission,
}


# --- Public API -----------------------------------------------------------------------------


def _explain(text: Promise, detail: Detail | None, facts: _Facts) -> str:
    sentences = [_render(text, esc_url=EUROPEAN_SOLIDARITY_CORPS_URL)]
    extra = detail(facts) if detail is not None else None
    if extra:
        sentences.append(extra)
    return " ".join(sentences)


def explain_reason(
    code: Reason | str,
    *,
    candidate: Candidate | None = None,
    contract: Contract | None = None,
    format_date: DateFormatter = date.isoformat,
) -> str:
    """Explain a reason code in the active language, with specifics when facts are given.

    ``format_date`` lets a page pass Django's localised ``date_format``; ISO dates are the
    default because this module reads no settings.
    """
    reason = Reason(code)
    facts = _Facts(candidate, contract, format_date)
    return _explain(REASON_TEXTS[reason], REASON_DETAILS.get(reason), facts)


def explain_reason_briefly(code: Reason | str) -> str:
    """A reason in a few words, in the active language (``REASON_SHORT_TEXTS``)."""
    return str(REASON_SHORT_TEXTS[Reason(code)])


def explain_warning(
    code: Warning | str,
    *,
    candidate: Candidate | None = None,
    contract: Contract | None = None,
    format_date: DateFormatter = date.isoformat,
) -> str:
    """Explain a warning code in the active language (warnings need no facts so far)."""
    warning = Warning(code)
    return _explain(WARNING_TEXTS[warning], None, _Facts(candidate, contract, format_date))


def _euros_plainly(amount: int) -> str:
    return f"{amount} euros"


def explain_allowance(
    code: AllowanceProblem | str,
    *,
    amount: int | None = None,
    format_amount: AmountFormatter = _euros_plainly,
) -> str:
    """Explain an allowance problem in the active language, quoting the amount if given.

    ``format_amount`` lets a page pass the language's money format
    (``vsi_portal.formats.format_euros``: "1 200 €", "€1,200"); this module reads no settings.
    """
    text = _render(ALLOWANCE_TEXTS[AllowanceProblem(code)])
    if amount is None:
        return text
    return f"{text} {_render(AMOUNT_ENTERED, amount=format_amount(amount))}"


def explain_verdict(
    verdict: Verdict,
    *,
    candidate: Candidate | None = None,
    contract: Contract | None = None,
    format_date: DateFormatter = date.isoformat,
) -> tuple[tuple[str, str], ...]:
    """Every reason then every warning of a verdict as (code, explanation) pairs."""
    reasons = tuple(
        (
            str(code),
            explain_reason(code, candidate=candidate, contract=contract, format_date=format_date),
        )
        for code in verdict.reasons
    )
    warnings = tuple(
        (
            str(code),
            explain_warning(code, candidate=candidate, contract=contract, format_date=format_date),
        )
        for code in verdict.warnings
    )
    return reasons + warnings

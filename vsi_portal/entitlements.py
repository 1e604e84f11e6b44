"""What a VSI contract gives: leave, pension quarters, end-of-mission aids, and the date rules.

Pure Python (no Django): contracts, reminders, forms and the volunteer's space all call these
functions, so each entitlement is computed in one place. Sources: loi n° 2005-159 (art. 4 and
6), décret n° 2022-1067 (art. 13 and 14), arrêté du 1er décembre 2022, service-public.fr F11444;
the choices made where they are silent are marked *Choice* and listed in docs/rules.md.

Date conventions (vsi-rules.md "Conventions"), used everywhere in the rules:

- a period includes both its start and its end: ``days(p) = (p.end - p.start).days + 1``;
- ``add_months`` keeps the day of month, clamped to the end of the target month;
- "n months date-to-date" from ``start`` covers ``start .. add_months(start, n) - 1 day``;
- age is counted in completed years; someone born on 29 February becomes a year older on
  1 March in non-leap years;
- a date beyond the calendar (years 1 to 9999) is a ValueError, never an OverflowError.
"""

from __future__ import annotations

import calendar
import math
import numbers
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple, Protocol

from vsi_portal.geography import FRANCE, sovereign_state

ONE_DAY = timedelta(days=1)

ADULT_AGE = 18
"""R1 (loi art. 1): a VSI contract is signed by an adult."""

CONTRACT_MAX_MONTHS = 24
"""R10 (loi art. 4): a contract lasts at most 2 years; a new contract may follow."""

LIFETIME_CAP_DAYS = 2191
"""R11: 6 years over a lifetime. *Choice*: ⌊6 × 365.25⌋ days actually served."""

LEAVE_MIN_MONTHS = 6
LEAVE_DAYS_PER_MONTH = 2
"""R14 (loi art. 6): 2 days of leave per month once the mission lasts at least 6 months."""

QUARTER_DAYS = 90
QUARTERS_PER_YEAR_MAX = 4
"""R15: one pension quarter per complete 90 days, at most 4 a calendar year."""

STATE_AIDS_MIN_MONTHS = 12
"""R16, R18, R19: State aids and the insertion premium need a contract of ≥ 12 months."""

INSERTION_PREMIUM_MAX_EUR = 2001
INSERTION_PREMIUM_MAX_INSTALMENTS = 9
INSERTION_PREMIUM_DEADLINE_MONTHS = 12
"""R19 (décret art. 13): up to €2,001 over at most 9 months, requested within 12 months."""

NOTICE_MONTHS = 1
"""R17 (loi art. 4): a contract may end early with at least one month's notice."""

ALLOWANCE_MIN_EUR = 150
ALLOWANCE_FRANCE_MIN_EUR = 800
ALLOWANCE_FRANCE_MAX_EUR = 1600
"""R13 (arrêté du 1er décembre 2022): monthly allowance bounds, in whole euros."""

# R18 (décret art. 14): (minimum whole months of the continuous mission, amount in euros),
# highest first. *Choice*: steps, no pro-rata between them.
RESETTLEMENT_STEPS: tuple[tuple[int, int], ...] = ((24, 3700), (18, 1500), (12, 800))
RESETTLEMENT_REVIEW_MIN_MONTHS = 6


# --- Periods and dates ----------------------------------------------------------------------


def require_date(value: object, field: str) -> date:
    """Return ``value`` if it is a ``datetime.date`` (not a datetime), else raise ValueError.

    A ``datetime`` is refused because comparing it with a date fails later, far from the
    fact that was wrong.
    """
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    raise ValueError(f"{field} must be a datetime.date, not {value!r}")


def require_span(start: object, end: object, start_field: str, end_field: str) -> None:
    """Raise ValueError unless ``start`` and ``end`` are dates with ``end`` not before ``start``."""
    # Exactly ``date`` is the common case and needs no further look (not a datetime); facts
    # are validated on every construction, so this check is kept cheap.
    if type(start) is not date:
        require_date(start, start_field)
    if type(end) is not date:
        require_date(end, end_field)
    if end < start:
        raise ValueError(f"{end_field} is before {start_field} ({end} < {start})")


class Span(Protocol):
    """Anything with a first and a last day, both included: a ``Period``, a contract."""

    @property
    def start(self) -> date: ...

    @property
    def end(self) -> date: ...


@dataclass(frozen=True, slots=True)
class Period:
    """A span of days, both ends included (e.g. days of VSI actually served)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        require_span(self.start, self.end, "Period.start", "Period.end")

    def overlaps(self, other: Span) -> bool:
        """Tell whether the two spans share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def contains(self, other: Span) -> bool:
        """Tell whether every day of ``other`` is inside this period."""
        return self.start <= other.start and other.end <= self.end


def as_period(value: object, field: str) -> Period:
    """Accept a ``Period`` or a ``(start, end)`` pair; raise ValueError naming ``field`` else."""
    if isinstance(value, Period):
        return value
    if isinstance(value, tuple) and len(value) == 2:
        try:
            return Period(*value)
        except ValueError as error:
            raise ValueError(f"{field}: {error}") from None
    raise ValueError(f"{field} must be a Period, not {value!r}")


def days(period: Span) -> int:
    """Number of days in a period (or any span, e.g. a contract), both ends included."""
    return (period.end - period.start).days + 1


def _outside_calendar(what: str) -> ValueError:
    return ValueError(f"{what} is outside the calendar (years 1 to 9999)")


def add_days(d: date, n: int) -> date:
    """``d`` moved by ``n`` days; ValueError (not OverflowError) beyond the calendar's ends."""
    try:
        return d + timedelta(days=n)
    except OverflowError:
        raise _outside_calendar(f"{d} + {n} days") from None


def add_months(d: date, n: int) -> date:
    """The same day of month ``n`` months later (or earlier), clamped to the month's last day.

    31 January + 1 month = 28 (or 29) February; 29 February 2024 + 12 months = 28 February 2025.
    A result beyond the calendar (years 1 to 9999) is a ValueError.
    """
    year, month0 = divmod(d.year * 12 + d.month - 1 + n, 12)
    month = month0 + 1
    day = d.day
    try:
        if day <= 28:  # every month has it: no clamping, and no calendar lookup (the common case)
            return date(year, month, day)
        return date(year, month, min(day, calendar.monthrange(year, month)[1]))
    except ValueError:
        raise _outside_calendar(f"{d} + {n} months") from None


def whole_months(start: date, end: date) -> int:
    """The number of whole months date-to-date in ``start..end`` (both ends included).

    The largest m ≥ 0 with ``add_months(start, m) - 1 day <= end``: 1 September to 31 August
    is 12 months, to 30 August only 11.
    """
    require_span(start, end, "start", "end")
    if end == date.max:
        raise _outside_calendar(f"end: the day after {end}")
    # add_months(start, m) falls in the month start.month + m, and it must not be later than
    # end + 1 day: that bounds m from above; clamping may make the bound one too many.
    after = end + ONE_DAY
    months = (after.year - start.year) * 12 + after.month - start.month
    while months > 0 and add_months(start, months) - ONE_DAY > end:
        months -= 1
    return months


def reaches_months(start: date, end: date, months: int) -> bool:
    """Tell whether ``start..end`` lasts at least ``months`` months date-to-date."""
    return whole_months(start, end) >= months


def reaches_twelve_months(start: date, end: date) -> bool:
    """Tell whether a contract opens the State aids and the insertion premium (R16, R19).

    Both need a contract of at least 12 months date-to-date: ``whole_months >= 12``.
    """
    return reaches_months(start, end, STATE_AIDS_MIN_MONTHS)


def contract_last_day(start: date) -> date:
    """The last day a contract starting on ``start`` may end on (R10: 24 months date-to-date)."""
    return add_months(start, CONTRACT_MAX_MONTHS) - ONE_DAY


def birthday(birth_date: date, age: int) -> date:
    """The first date on which someone born on ``birth_date`` is ``age`` years old.

    Someone born on 29 February turns a year older on 1 March in non-leap years (not on
    28 February as ``add_months`` would clamp), because age compares (month, day).
    """
    year = birth_date.year + age
    month, day = birth_date.month, birth_date.day
    try:
        if month == 2 and day == 29 and not calendar.isleap(year):
            return date(year, 3, 1)
        return date(year, month, day)  # not ``replace(year=…)``: a keyword call, much slower
    except ValueError:
        raise _outside_calendar(f"birthday {age} of {birth_date}") from None


def age_on(birth_date: date, on: date) -> int:
    """Age in completed years on a date, comparing (month, day)."""
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - before_birthday


# --- R11: the lifetime cap ------------------------------------------------------------------


def merged(periods: Iterable[Period | tuple[date, date]], field: str = "periods") -> list[Period]:
    """The periods merged into disjoint runs of consecutive days, in date order.

    Overlapping or adjacent periods (next start = previous end + 1 day) become one run, so
    a day is counted once and a continuous mission is one run.
    """
    runs: list[Period] = []
    items = (as_period(value, f"{field}[{index}]") for index, value in enumerate(periods))
    for period in sorted(items, key=lambda p: (p.start, p.end)):
        # Next to the last run: at most one day after its end (a difference, which unlike
        # ``end + 1 day`` exists for a run ending on the calendar's last day).
        if runs and (period.start - runs[-1].end).days <= 1:
            if period.end > runs[-1].end:
                runs[-1] = Period(runs[-1].start, period.end)
        else:
            runs.append(period)
    return runs


def lifetime_days_used(periods: Iterable[Period | tuple[date, date]]) -> int:
    """Distinct days covered by the periods (R11): overlapping days are counted once.

    *Choice*: only VSI days count, not service civique, VIE/VIA or the European Solidarity
    Corps, because the cap is in the VSI law only.
    """
    return sum(days(run) for run in merged(periods))


# --- R14, R15: leave and pension quarters ---------------------------------------------------


def leave_days(start: date, end: date) -> int:
    """R14 (loi art. 6): 2 days per whole month, once the mission lasts at least 6 months."""
    months = whole_months(start, end)
    return LEAVE_DAYS_PER_MONTH * months if months >= LEAVE_MIN_MONTHS else 0


def pension_quarters(start: date, end: date) -> dict[int, int]:
    """R15: pension quarters per calendar year, for the period ``start..end``.

    One quarter per complete 90 days; quarter k belongs to the calendar year of day 90k
    (day 1 = start). At most 4 quarters count in a year: a fifth one is lost, since the
    pension schemes never credit more than 4 a year. Years with none are absent.
    """
    require_span(start, end, "start", "end")
    quarters: dict[int, int] = {}
    total_days = (end - start).days + 1
    for k in range(1, total_days // QUARTER_DAYS + 1):
        year = (start + timedelta(days=QUARTER_DAYS * k - 1)).year
        quarters[year] = min(quarters.get(year, 0) + 1, QUARTERS_PER_YEAR_MAX)
    return quarters


# --- R17, R19: notice and insertion premium -------------------------------------------------


def earliest_end_after_notice(notice_date: date) -> date:
    """R17 (loi art. 4): a contract ends early at the soonest one month after the notice."""
    return add_months(require_date(notice_date, "notice_date"), NOTICE_MONTHS)


def insertion_premium_deadline(mission_end: date) -> date:
    """R19 (décret art. 13): the last day to request the insertion premium.

    12 months after the mission's end (29 February → 28 February), with no extension.
    """
    return add_months(require_date(mission_end, "mission_end"), INSERTION_PREMIUM_DEADLINE_MONTHS)


# --- R18: resettlement allowance ------------------------------------------------------------


class Resettlement(NamedTuple):
    """The resettlement allowance: whole euros, or ``None`` when staff must decide."""

    amount: int | None
    manual_review: bool


def continuous_mission(served: Iterable[Period | tuple[date, date]] | Period) -> Period | None:
    """The continuous mission that ends with the latest served period, or None if none.

    Periods with no gap between them (next start = previous end + 1 day) form one
    continuous mission. *Choice*: overlapping served periods are merged too, since a day
    served is served once.
    """
    periods = [served] if isinstance(served, Period) else served
    runs = merged(periods, "served")
    return runs[-1] if runs else None


def resettlement_allowance(
    served: Iterable[Period | tuple[date, date]] | Period,
    *,
    public_official: bool = False,
    compelling_reason: bool = False,
) -> Resettlement:
    """R18 (décret art. 14): the resettlement allowance at the end of the mission.

    A public official gets nothing (they return to their post). Otherwise the whole months
    of the continuous mission give 3700 (≥ 24), 1500 (≥ 18) or 800 (≥ 12) euros. A mission
    of 6 to 11 months cut short for a compelling reason (health, family, security) goes to
    staff, who decide: ``Resettlement(None, True)``.
    """
    chain = continuous_mission(served)
    if public_official or chain is None:
        return Resettlement(0, False)
    months = whole_months(chain.start, chain.end)
    for minimum, amount in RESETTLEMENT_STEPS:
        if months >= minimum:
            return Resettlement(amount, False)
    if months >= RESETTLEMENT_REVIEW_MIN_MONTHS and compelling_reason:
        return Resettlement(None, True)
    return Resettlement(0, False)


# --- R13: monthly allowance -----------------------------------------------------------------


class AllowanceProblem(StrEnum):
    """Why a monthly allowance is refused (R13); the value is the code shown to callers."""

    ALLOWANCE_OUTSIDE_FRANCE_RANGE = "ALLOWANCE_OUTSIDE_FRANCE_RANGE"
    ALLOWANCE_BELOW_MINIMUM = "ALLOWANCE_BELOW_MINIMUM"


def _require_amount(value: object) -> numbers.Real | Decimal:
    # bool is an int, and NaN compares false with everything: both would pass silently.
    if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal):
        raise ValueError(f"eur_per_month must be a number, not {value!r}")
    finite = value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)
    if not finite:
        raise ValueError(f"eur_per_month must be a finite number, not {value!r}")
    return value


def allowance_problem(
    country: str, eur_per_month: int | float | Decimal
) -> AllowanceProblem | None:
    """R13: what is wrong with a monthly allowance for a mission in ``country``, or None.

    Hosted in France (any territory judged as France, e.g. RE): 800 to 1600 euros, both
    included. Abroad: at least 150 euros.
    """
    amount = _require_amount(eur_per_month)
    if sovereign_state(country, "country") == FRANCE:
        if ALLOWANCE_FRANCE_MIN_EUR <= amount <= ALLOWANCE_FRANCE_MAX_EUR:
            return None
        return AllowanceProblem.ALLOWANCE_OUTSIDE_FRANCE_RANGE
    if amount >= ALLOWANCE_MIN_EUR:
        return None
    return AllowanceProblem.ALLOWANCE_BELOW_MINIMUM

"""Reads about volunteers: their profile, what it lacks, declared missions, documents.

The bridge from a profile to the rules' ``Candidate`` is ``missions.selectors.candidates``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Document, PriorMission, Volunteer


def volunteer_of(user) -> Volunteer | None:
    """The signed-in person's volunteer profile alone (one query), if they have one."""
    if not user.is_authenticated:
        return None
    return Volunteer.objects.filter(user=user).first()


def volunteer_for_user(user) -> Volunteer | None:
    """The signed-in person's volunteer profile, if they have one."""
    if not user.is_authenticated:
        return None
    return (
        Volunteer.objects.filter(user=user)
        .prefetch_related("prior_missions", "languages", "contracts")
        .first()
    )


def volunteer_missing_facts(volunteer: Volunteer) -> list[str]:
    """The names of the profile fields the rules still need (empty when complete)."""
    missing = []
    if volunteer.birth_date is None:
        missing.append("birth_date")
    if not volunteer.nationalities:
        missing.append("nationalities")
    if not volunteer.residence:
        missing.append("residence")
    if (
        volunteer.employed
        and volunteer.leave_kind
        and not (volunteer.leave_start and volunteer.leave_end)
    ):
        missing.append("leave_dates")
    return missing


# --- Completeness ------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileItem:
    key: str
    label: str
    done: bool
    needed_to_apply: bool


@dataclass(frozen=True)
class Completeness:
    items: tuple[ProfileItem, ...]

    @property
    def done(self) -> int:
        return sum(item.done for item in self.items)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def missing(self) -> tuple[ProfileItem, ...]:
        return tuple(item for item in self.items if not item.done)

    @property
    def can_apply(self) -> bool:
        """Every fact the rules need is known (what `candidate_for` needs)."""
        return not any(item.needed_to_apply for item in self.missing)

    @property
    def is_complete(self) -> bool:
        return not self.missing


FACT_LABELS = {
    "birth_date": _("Birth date"),
    "nationalities": _("Nationalities"),
    "residence": _("Country of residence"),
    "leave_dates": _("Dates of your leave"),
}


def profile_completeness(
    volunteer: Volunteer | None, *, has_cv: bool | None = None
) -> Completeness:
    """What the profile holds and lacks: the facts the rules need, then what helps associations.

    `has_cv` avoids a query when the caller already knows; the languages are read from the
    prefetch cache when `volunteer_for_user` loaded the profile.
    """
    missing_facts = set(volunteer_missing_facts(volunteer)) if volunteer else set(FACT_LABELS)
    items = [
        ProfileItem(key, label, key not in missing_facts, True)
        for key, label in FACT_LABELS.items()
        if key != "leave_dates" or (volunteer and volunteer.employed and volunteer.leave_kind)
    ]
    if volunteer is not None and has_cv is None:
        has_cv = Document.objects.filter(volunteer=volunteer, kind=Document.Kind.CV).exists()
    items += [
        ProfileItem(
            "languages", _("Languages spoken"), bool(volunteer and volunteer.languages.all()), False
        ),
        ProfileItem("skills", _("Skills"), bool(volunteer and volunteer.skills.strip()), False),
        ProfileItem(
            "domains_of_interest",
            _("Domains of interest"),
            bool(volunteer and volunteer.domains_of_interest),
            False,
        ),
        ProfileItem(
            "presentation",
            _("Short presentation"),
            bool(volunteer and volunteer.presentation.strip()),
            False,
        ),
        ProfileItem("cv", _("CV"), bool(has_cv), False),
    ]
    return Completeness(tuple(items))


# --- Prior missions ----------------------------------------------------------------------


def prior_missions_for_volunteer(volunteer: Volunteer | None) -> QuerySet[PriorMission]:
    if volunteer is None:
        return PriorMission.objects.none()
    return PriorMission.objects.filter(volunteer=volunteer).order_by("start_on", "pk")


def overlapping_prior_mission_ids(prior_missions: Iterable[PriorMission]) -> set[int]:
    """The ids of declared missions that share at least one day with another one."""
    ordered = sorted(prior_missions, key=lambda p: (p.start_on, p.end_on, p.pk))
    overlapping: set[int] = set()
    latest_end = None
    latest_pk = None
    for prior in ordered:
        if latest_end is not None and prior.start_on <= latest_end:
            overlapping.update({prior.pk, latest_pk})
        if latest_end is None or prior.end_on > latest_end:
            latest_end, latest_pk = prior.end_on, prior.pk
    return overlapping


# --- Documents ---------------------------------------------------------------------------


def documents_for_volunteer(volunteer: Volunteer | None) -> QuerySet[Document]:
    if volunteer is None:
        return Document.objects.none()
    return Document.objects.for_volunteer(volunteer).select_related("checked_by")


def criminal_record_document(volunteer: Volunteer | None) -> Document | None:
    """The volunteer's criminal record extract (uploaded or already checked), if any."""
    if volunteer is None:
        return None
    return Document.objects.filter(volunteer=volunteer, kind=Document.Kind.CRIMINAL_RECORD).first()


def cv_document(volunteer: Volunteer | None) -> Document | None:
    if volunteer is None:
        return None
    return Document.objects.filter(volunteer=volunteer, kind=Document.Kind.CV).first()

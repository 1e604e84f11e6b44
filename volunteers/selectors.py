"""Reads about volunteers, and the bridge from a profile to the rules' Candidate."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from vsi_portal.eligibility import Period
from vsi_portal.entitlements import (
    days,
    lifetime_days_used,
)

from .models import Document, PriorMission, SavedMission, Volunteer


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


# --- Data export -------------------------------------------------------------------------


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def account_export_data(user) -> dict[str, Any]:
    """The account part of the export, for anyone signed in."""
    return {
        "format": "vsi-portal-export/1",
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "preferred_language": user.preferred_language,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "profile": None,
        "prior_missions": [],
        "documents": [],
        "saved_missions": [],
    }


def _mission_url(mission) -> str:
    try:
        return settings.SITE_URL + reverse("missions:detail", kwargs={"slug": mission.slug})
    except NoReverseMatch:
        return ""


def volunteer_export_data(volunteer: Volunteer) -> dict[str, Any]:
    """Everything the portal holds about a volunteer, as JSON-ready data (right of access).

    With their applications (mission, association, status, dates, motivation, history)
    and contracts (every fact of the contract the volunteer may see).
    """
    data = account_export_data(volunteer.user)
    data["profile"] = {
        "birth_date": _iso(volunteer.birth_date),
        "nationalities": [country.code for country in volunteer.nationalities],
        "residence": volunteer.residence.code or None,
        "employed": volunteer.employed,
        "leave_kind": volunteer.leave_kind or None,
        "leave_start": _iso(volunteer.leave_start),
        "leave_end": _iso(volunteer.leave_end),
        "other_activity": volunteer.other_activity,
        "public_official": volunteer.public_official,
        "languages": sorted(language.code for language in volunteer.languages.all()),
        "skills": volunteer.skills,
        "domains_of_interest": list(volunteer.domains_of_interest),
        "countries_of_interest": [country.code for country in volunteer.countries_of_interest],
        "available_from": _iso(volunteer.available_from),
        "presentation": volunteer.presentation,
        "updated_at": _iso(volunteer.updated_at),
    }
    data["prior_missions"] = [
        {
            "association": prior.association_name,
            "country": prior.country.code,
            "start": _iso(prior.start_on),
            "end": _iso(prior.end_on),
        }
        for prior in prior_missions_for_volunteer(volunteer)
    ]
    data["vsi_days_served"] = lifetime_days_used(  # replaced by privacy/ at merge
        [Period(p.start_on, p.end_on) for p in volunteer.prior_missions.all()]
        + [s for c in volunteer.contracts.all() if (s := c.served_period())]
    )
    data["documents"] = [
        {
            "kind": document.kind,
            "original_name": document.original_name,
            "content_type": document.content_type,
            "size": document.size,
            "uploaded_at": _iso(document.uploaded_at),
            "checked_at": _iso(document.checked_at),
            "outcome": document.outcome or None,
            "file_in_export": export_document_name(document) if document.file else None,
        }
        for document in documents_for_volunteer(volunteer)
    ]
    data["saved_missions"] = [
        {
            "title": saved.mission.title,
            "url": _mission_url(saved.mission),
            "saved_at": _iso(saved.saved_at),
        }
        for saved in SavedMission.objects.filter(volunteer=volunteer).select_related("mission")
    ]
    data["applications"] = _export_applications(volunteer)
    data["contracts"] = _export_contracts(volunteer)
    return data


def _export_applications(volunteer: Volunteer) -> list[dict[str, Any]]:
    application_model = apps.get_model("missions", "Application")
    event_model = apps.get_model("missions", "ApplicationEvent")
    applications = (
        application_model.objects.filter(volunteer=volunteer)
        .select_related("mission__association")
        .prefetch_related(Prefetch("events", queryset=event_model.objects.order_by("at", "pk")))
        .order_by("submitted_at", "pk")
    )
    return [
        {
            "mission": application.mission.title,
            "mission_url": _mission_url(application.mission),
            "association": application.mission.association.name,
            "status": application.status,
            "submitted_at": _iso(application.submitted_at),
            "decided_at": _iso(application.decided_at),
            "motivation": application.motivation,
            "rejection_reason": application.rejection_reason or None,
            "withdrawal_reason": application.withdrawal_reason or None,
            "message_from_association": application.message,
            "history": [
                {
                    "at": _iso(event.at),
                    "from": event.from_status or None,
                    "to": event.to_status,
                    "reason": event.reason or None,
                    "message": event.message,
                    "by_you": event.by_id == volunteer.user_id,
                }
                for event in application.events.all()
            ],
        }
        for application in applications
    ]


def _export_contracts(volunteer: Volunteer) -> list[dict[str, Any]]:
    contract_model = apps.get_model("missions", "Contract")
    contracts = (
        contract_model.objects.filter(volunteer=volunteer)
        .select_related("mission", "association")
        .order_by("start_on", "pk")
    )
    return [
        {
            "mission": contract.mission.title,
            "association": contract.association.name,
            "country": contract.country.code,
            "start": _iso(contract.start_on),
            "planned_end": _iso(contract.end_on),
            "monthly_allowance_eur": contract.allowance_eur,
            "status": contract.status,
            "signed_at": _iso(contract.signed_at),
            "criminal_record_checked_on": _iso(contract.criminal_record_checked_on),
            "criminal_record_outcome": contract.criminal_record_outcome or None,
            "social_security_affiliated_on": _iso(contract.social_security_affiliated_on),
            "insurance_reference": contract.insurance_reference,
            "training_completed_on": _iso(contract.training_completed_on),
            "started_at": _iso(contract.activated_at),
            "notice_given_on": _iso(contract.notice_given_on),
            "ended_on": _iso(contract.ended_on),
            "end_reason": contract.end_reason or None,
            "end_explanation": contract.end_explanation,
            "compelling_reason": contract.compelling_reason,
            "days_served": days(period) if (period := contract.served_period()) else 0,
            "certificate_issued_at": _iso(contract.certificate_issued_at),
            "certificate_number": contract.certificate_number,
            "insertion_premium_requested_on": _iso(contract.insertion_premium_requested_on),
        }
        for contract in contracts
    ]


def export_document_name(document: Document) -> str:
    """The path of a document's file inside the export zip."""
    return f"documents/{document.kind}-{document.original_name}"

"""Reads of privacy: a person's data export, and what the retention job takes."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, QuerySet
from django.db.models.fields.files import FieldFile

from associations import personal_data as associations_data
from missions import personal_data as missions_data
from volunteers import personal_data as volunteers_data
from vsi_portal.accounts import personal_data as accounts_data

from .registry import EXPORT_ORDER

EXPORT_FORMAT = "vsi-portal-export/1"


def export_data(user) -> dict[str, Any]:
    """Everything the portal holds about `user`, as JSON-ready data (the right of access).

    The format first, then each holder's sections in `registry.EXPORT_ORDER`: the account;
    the profile, prior missions, documents' details and saved missions; the VSI days
    served, the applications (with their history) and the contracts.
    """
    data: dict[str, Any] = {"format": EXPORT_FORMAT}
    for holder in EXPORT_ORDER:
        if holder.export is not None:
            data.update(holder.export(user))
    return data


def export_files(user) -> list[tuple[str, FieldFile]]:
    """The files of the export zip beside data.json, each with its name in the zip."""
    files: list[tuple[str, FieldFile]] = []
    for holder in EXPORT_ORDER:
        if holder.export_files is not None:
            files.extend(holder.export_files(user))
    return files


# --- Retention ---------------------------------------------------------------------------


def unverified_accounts_due(*, now: datetime) -> QuerySet:
    """Sign-ups never verified nor signed in to, older than RETENTION_UNVERIFIED_DAYS.

    Only accounts that went through sign-up (they hold an unverified address) and have no
    verified one; never staff, never association members.
    """
    limit = now - timedelta(days=settings.RETENTION_UNVERIFIED_DAYS)
    return (
        accounts_data.never_verified(joined_before=limit)
        .exclude(associations_data.on_a_staff(OuterRef("pk")))
        .order_by("pk")
    )


def inactive_accounts_due(*, now: datetime) -> QuerySet:
    """Active volunteer accounts nobody signed in to for RETENTION_INACTIVE_YEARS years.

    Not staff, not on an association's staff, and without a contract planned or under way.
    """
    limit = now - timedelta(days=round(365.25 * settings.RETENTION_INACTIVE_YEARS))
    return (
        accounts_data.unused_since(limit)
        .exclude(associations_data.on_a_staff(OuterRef("pk")))
        .exclude(missions_data.with_running_contract(OuterRef("pk")))
        .order_by("pk")
    )


def unchecked_criminal_records_due(*, now: datetime) -> QuerySet:
    """Criminal record extracts nobody can check any more: never checked, with a file, sent
    more than RETENTION_UNCHECKED_CRIMINAL_RECORD_DAYS ago, while no planned contract of
    their volunteer waits for a check (an association asks for a recent extract; only the
    administrators of a planned contract may read and check one)."""
    limit = now - timedelta(days=settings.RETENTION_UNCHECKED_CRIMINAL_RECORD_DAYS)
    return volunteers_data.unchecked_criminal_records(sent_before=limit).exclude(
        missions_data.with_planned_contract(OuterRef("volunteer_id"))
    )

"""Reads of privacy: a person's data export."""

from __future__ import annotations

from typing import Any

from django.db.models.fields.files import FieldFile

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

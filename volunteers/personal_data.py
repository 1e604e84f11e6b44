"""What the volunteers app holds about a person, and how to export, erase or expire it.

The profile (the facts the rules need and what helps associations), the prior missions the
person declared, their documents (CV, criminal record extract) and saved missions. Read by
`privacy` (its registry lists this module); nothing here imports privacy.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile

from vsi_portal.formats import iso_or_none, site_url

from .models import Document, SavedMission, Volunteer
from .selectors import documents_for_volunteer, prior_missions_for_volunteer, volunteer_for_user
from .services import document_delete


def export_document_name(document: Document) -> str:
    """The path of a document's file inside the export zip."""
    return f"documents/{document.kind}-{document.original_name}"


def export(user) -> dict[str, Any]:
    """The `profile`, `prior_missions`, `documents` and `saved_missions` sections of data.json
    (null and empty for an account without a volunteer profile)."""
    volunteer = volunteer_for_user(user)
    if volunteer is None:
        return {"profile": None, "prior_missions": [], "documents": [], "saved_missions": []}
    return {
        "profile": _profile(volunteer),
        "prior_missions": [
            {
                "association": prior.association_name,
                "country": prior.country.code,
                "start": iso_or_none(prior.start_on),
                "end": iso_or_none(prior.end_on),
            }
            for prior in prior_missions_for_volunteer(volunteer)
        ],
        "documents": [
            {
                "kind": document.kind,
                "original_name": document.original_name,
                "content_type": document.content_type,
                "size": document.size,
                "uploaded_at": iso_or_none(document.uploaded_at),
                "checked_at": iso_or_none(document.checked_at),
                "outcome": document.outcome or None,
                "file_in_export": export_document_name(document) if document.file else None,
            }
            for document in documents_for_volunteer(volunteer)
        ],
        "saved_missions": [
            {
                "title": saved.mission.title,
                "url": site_url(saved.mission),
                "saved_at": iso_or_none(saved.saved_at),
            }
            for saved in SavedMission.objects.filter(volunteer=volunteer).select_related("mission")
        ],
    }


def _profile(volunteer: Volunteer) -> dict[str, Any]:
    return {
        "birth_date": iso_or_none(volunteer.birth_date),
        "nationalities": [country.code for country in volunteer.nationalities],
        "residence": volunteer.residence.code or None,
        "employed": volunteer.employed,
        "leave_kind": volunteer.leave_kind or None,
        "leave_start": iso_or_none(volunteer.leave_start),
        "leave_end": iso_or_none(volunteer.leave_end),
        "other_activity": volunteer.other_activity,
        "public_official": volunteer.public_official,
        "languages": sorted(language.code for language in volunteer.languages.all()),
        "skills": volunteer.skills,
        "domains_of_interest": list(volunteer.domains_of_interest),
        "countries_of_interest": [country.code for country in volunteer.countries_of_interest],
        "available_from": iso_or_none(volunteer.available_from),
        "presentation": volunteer.presentation,
        "phone": volunteer.phone,
        "updated_at": iso_or_none(volunteer.updated_at),
    }


def export_files(user) -> list[tuple[str, FieldFile]]:
    """The files that go into the export zip beside data.json: the documents that still
    have one (a checked criminal record extract has none), each under its export name."""
    volunteer = volunteer_for_user(user)
    if volunteer is None:
        return []
    return [
        (export_document_name(document), document.file)
        for document in documents_for_volunteer(volunteer)
        if document.file
    ]


def erase(user) -> None:
    """Deletes the documents (rows, and files once the transaction commits), then the profile
    with its prior and saved missions.

    Deleting the profile sets `volunteer` to NULL on the applications and contracts that
    pointed to it (on_delete=SET_NULL): the missions app anonymises them first.
    """
    volunteer = Volunteer.objects.filter(user=user).first()
    if volunteer is None:
        return
    for document in Document.objects.filter(volunteer=volunteer):
        document_delete(document=document)
    volunteer.delete()


# --- Retention: criminal record files ------------------------------------------------------

# Where `models.document_upload_to` stores the extracts.
CRIMINAL_RECORD_FOLDER = "documents/criminal_record"
# An upload writes its file a moment before its row commits: a younger file is no orphan.
ORPHAN_GRACE = timedelta(days=1)


def checked_criminal_record_files() -> list[tuple[int, str]]:
    """(document id, file name) of the criminal record extracts whose check is recorded but
    whose file is still stored (`services.criminal_record_mark_checked` deletes it on commit;
    a failed deletion leaves it behind)."""
    return list(
        Document.objects.filter(kind=Document.Kind.CRIMINAL_RECORD, checked_at__isnull=False)
        .exclude(file="")
        .order_by("pk")
        .values_list("pk", "file")
    )


def checked_criminal_record_file_forget(*, document_pk: int) -> bool:
    """Makes a checked extract forget its file name (the caller deletes the file on commit);
    False when it was no longer checked with a file."""
    updated = (
        Document.objects.filter(pk=document_pk, checked_at__isnull=False)
        .exclude(file="")
        .update(file="")
    )
    return bool(updated)


def orphan_criminal_record_files(*, now: datetime) -> list[str]:
    """Files in the criminal record folder that no document points to, older than a day."""
    try:
        _dirs, files = default_storage.listdir(CRIMINAL_RECORD_FOLDER)
    except (FileNotFoundError, NotImplementedError):
        return []
    # Files a row still names are the other steps' business (checked ones are purged there).
    kept = set(Document.objects.exclude(file="").values_list("file", flat=True))
    orphans = []
    for name in sorted(files):
        path = f"{CRIMINAL_RECORD_FOLDER}/{name}"
        if path in kept:
            continue
        try:
            modified = default_storage.get_modified_time(path)
        except (FileNotFoundError, NotImplementedError, SuspiciousFileOperation):
            continue
        if modified < now - ORPHAN_GRACE:
            orphans.append(path)
    return orphans


def unchecked_criminal_records(*, sent_before: datetime) -> QuerySet[Document]:
    """Criminal record extracts never checked, with a file, sent before `sent_before`."""
    return Document.objects.filter(
        kind=Document.Kind.CRIMINAL_RECORD,
        checked_at__isnull=True,
        uploaded_at__lt=sent_before,
    ).exclude(file="")


def criminal_record_delete(*, document: Document) -> None:
    """Deletes an extract the retention job found useless: its row, and its file once the
    transaction commits."""
    document_delete(document=document)

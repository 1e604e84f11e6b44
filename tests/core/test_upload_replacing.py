"""An upload saved in place of a document's previous file (vsi_portal/uploads.py,
``save_upload_replacing``), shown on a volunteer's CV: the association's file uses the same."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError

from tests.factories import VolunteerFactory
from tests.volunteers.factories import document, upload
from volunteers.models import Document
from vsi_portal.uploads import UploadRaced, inspect_upload, save_upload_replacing

pytestmark = pytest.mark.django_db


def _replace(previous: Document, name: str = "nouveau.pdf") -> Document:
    new = upload(name)
    detected, original_name = inspect_upload(new)
    return save_upload_replacing(
        document=Document.objects.get(pk=previous.pk),
        upload=new,
        detected=detected,
        original_name=original_name,
    )


def _stored(volunteer_document: Document) -> list[str]:
    folder = volunteer_document.file.name.rpartition("/")[0]
    return sorted(default_storage.listdir(folder)[1])


def test_the_previous_file_goes_once_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    previous = document(VolunteerFactory())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        replaced = _replace(previous)
        assert default_storage.exists(previous.file.name)
    for callback in callbacks:
        callback()
    assert not default_storage.exists(previous.file.name)
    assert default_storage.exists(replaced.file.name)
    assert (replaced.pk, replaced.original_name) == (previous.pk, "nouveau.pdf")
    assert replaced.file.name != previous.file.name


def test_a_row_not_written_leaves_no_new_file_and_keeps_the_previous(monkeypatch):
    previous = document(VolunteerFactory())

    def broken(self, *args, **kwargs):
        raise DatabaseError("connection lost")

    monkeypatch.setattr(Document, "save", broken)
    with pytest.raises(DatabaseError):
        _replace(previous)
    assert _stored(previous) == [previous.file.name.rpartition("/")[2]]
    assert Document.objects.get().original_name == "mon cv.pdf"


def test_an_upload_that_lost_the_race_raises_and_leaves_no_new_file(monkeypatch):
    previous = document(VolunteerFactory())

    def taken(self, *args, **kwargs):
        raise IntegrityError("unique_document_per_kind")

    monkeypatch.setattr(Document, "save", taken)
    with pytest.raises(UploadRaced):
        _replace(previous)
    assert _stored(previous) == [previous.file.name.rpartition("/")[2]]

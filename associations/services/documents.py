"""The documents of an association's file: the ministry's approval decision, the statutes.

Stored like a volunteer's documents (`volunteers.services.document_upload`): the content is
checked (`vsi_portal.uploads.inspect_upload`, PDF only, 5 MB at most) whatever the form did,
the file is saved under a random name in the private storage, the uploaded name is kept only
to name the download, and a new upload of a kind replaces the previous one and its file
(`vsi_portal.uploads.save_upload_replacing`, as for a volunteer's documents).
Only the association's administrators upload, at registration and when they correct the file:
`associations.association_register`, `association_update_profile` and
`association_document_upload` check who acts, then call `file_document_store`.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from vsi_portal.uploads import (
    PDF_ONLY,
    UploadRaced,
    UploadRejected,
    inspect_upload,
    save_upload_replacing,
)

from ..errors import AssociationError
from ..models import Association, AssociationDocument


def inspect_file_document(upload):
    """The detected type and kept name of a document for the file, or `AssociationError`
    (code ``document_rejected``) saying what to do."""
    try:
        return inspect_upload(upload, accepted=PDF_ONLY)
    except UploadRejected as error:
        raise AssociationError(error.message, code="document_rejected") from None


@transaction.atomic
def file_document_store(*, association: Association, kind: str, upload, by) -> AssociationDocument:
    """Stores (or replaces) one document of the association's file; the caller checked that
    `by` is one of its administrators."""
    if kind not in AssociationDocument.Kind.values:
        raise AssociationError(_("Choose the kind of document."), code="document_kind")
    detected, original_name = inspect_file_document(upload)
    document = AssociationDocument.objects.select_for_update().filter(
        association=association, kind=kind
    ).first() or AssociationDocument(association=association, kind=kind)
    document.uploaded_by = by
    try:
        return save_upload_replacing(
            document=document, upload=upload, detected=detected, original_name=original_name
        )
    except UploadRaced:
        # Another upload of the same kind won the race: keep that one.
        raise AssociationError(
            _("Another upload of this document was in progress. Check the page and try again."),
            code="document_race",
        ) from None

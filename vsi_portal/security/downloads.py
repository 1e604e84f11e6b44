"""Headers of a download of personal files (documents, the data export, certificates)."""

from __future__ import annotations

from django.core.files import File
from django.http import FileResponse, Http404, HttpResponse

# Never cached anywhere, never sniffed as another type than the one it is sent as.
PRIVATE_DOWNLOAD_HEADERS = {
    "Cache-Control": "no-store, private",
    "X-Content-Type-Options": "nosniff",
}


def private_download(response: HttpResponse) -> HttpResponse:
    """``response`` with the headers every download of personal files carries."""
    for header, value in PRIVATE_DOWNLOAD_HEADERS.items():
        response[header] = value
    return response


def stored_file_download(
    file: File, *, filename: str, content_type: str, missing: str = ""
) -> HttpResponse:
    """A file of the private storage as an attachment with those headers; 404 (saying
    ``missing``) when the file is no longer there."""
    try:
        handle = file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(missing) from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    return private_download(response)

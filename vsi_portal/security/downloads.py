"""Headers of a download of personal files (documents, the data export, certificates)."""

from __future__ import annotations

from django.http import HttpResponse

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

"""A person's data rights, from their space: download all their data, delete their account.

Routed by `volunteers/urls.py`, where the pages have always been (`volunteers:data_export`,
`volunteers:account_delete`, under /me/data/).
"""

from __future__ import annotations

import io
import json
import zipfile

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vsi_portal.security.downloads import private_download
from vsi_portal.security.models import AuditEvent
from vsi_portal.security.services import audit_record

from . import selectors, services
from .errors import PrivacyError
from .forms import AccountDeleteForm


@require_http_methods(["GET", "POST"])
@login_required
def data_export(request: HttpRequest) -> HttpResponse:
    """GET explains what the export holds; POST returns the zip."""
    if request.method == "GET":
        response = render(request, "privacy/data_export.html")
        add_never_cache_headers(response)
        return response
    data = selectors.export_data(request.user)
    files = selectors.export_files(request.user)
    data["exported_at"] = timezone.now().isoformat()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        for name, file in files:
            try:
                with file.open("rb") as handle:
                    archive.writestr(name, handle.read())
            except FileNotFoundError:
                continue
    buffer.seek(0)
    filename = f"vsi-portal-data-{timezone.localdate().isoformat()}.zip"
    response = FileResponse(
        buffer, as_attachment=True, filename=filename, content_type="application/zip"
    )
    return private_download(response)


@require_http_methods(["GET", "POST"])
@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(user=request.user)
        except PrivacyError as error:
            form.add_error(None, error.message)
        else:
            audit_record(
                actor=request.user,
                action=AuditEvent.Action.ACCOUNT_DELETED,
                subject=request.user,
                # No IP address: the erasure has just removed the person's.
                details={"reason": "requested"},
            )
            logout(request)
            messages.success(
                request, _("Your account and your data have been deleted. Goodbye, and thank you.")
            )
            return redirect("home")
    return render(request, "privacy/account_delete.html", {"form": form})

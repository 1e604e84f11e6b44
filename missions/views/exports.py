"""Exports: asking for one (POST), the person's list with each one's state and expiry, the
download; and France Volontaires' page in the admin (every association's rows).

Who: the staff of an association export its rows (``exports_staff_may_request``); France
Volontaires, signed in to the admin with their second factor (``is_france_volontaires``),
export every association's. A file is downloaded only by the person who asked for it (404
for anyone else, France Volontaires included), while it is kept.
"""

from __future__ import annotations

from functools import partial

from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vsi_portal.security.downloads import stored_file_download
from vsi_portal.security.selectors import is_france_volontaires

from ..errors import ExportError
from ..export_forms import ExportRequestForm
from ..models import Export
from ..selectors.exports import (
    FILE_STEMS,
    export_for_requester,
    exports_of,
    exports_staff_may_request,
)
from ..services.exports import export_request
from ..tasks import queue_export_build

CONTENT_TYPES = {
    Export.Format.CSV: "text/csv; charset=utf-8",
    Export.Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _ask(request: HttpRequest, *, every_association: bool) -> None:
    """Validates the form, asks for the export and flashes what happens next."""
    form = ExportRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This export could not be asked for: please try again."))
        return
    try:
        export, created = export_request(
            by=request.user,
            kind=form.cleaned_data["kind"],
            file_format=form.cleaned_data["file_format"],
            request_key=form.cleaned_data["request_key"],
            language=get_language(),
            every_association=every_association,
            request=request,
        )
    except ExportError as error:
        messages.error(request, error.message)
        return
    if created:
        # Without a broker the build runs here, before the redirect.
        transaction.on_commit(partial(queue_export_build, export.pk), robust=True)
        export.refresh_from_db()
    if export.is_ready:
        messages.success(request, _("Your export is ready: download it below."))
    elif export.status == Export.Status.FAILED:
        messages.error(request, _("Your export could not be prepared: please ask again."))
    else:
        messages.info(
            request,
            _("Your export is being prepared: you will be notified when it is ready."),
        )


@login_required
@require_GET
def exports_list(request: HttpRequest) -> HttpResponse:
    if not exports_staff_may_request(request.user):
        raise Http404(_("You are not on the staff of an association."))
    exports = exports_of(request.user).filter(every_association=False)
    return render(
        request,
        "missions/exports.html",
        {
            "exports": exports,
            "kinds": Export.Kind.values,
            "now": timezone.now(),
            "keep_hours": Export.KEEP_HOURS,
        },
    )


@login_required
@require_POST
def export_request_view(request: HttpRequest) -> HttpResponse:
    if not exports_staff_may_request(request.user):
        raise Http404(_("You are not on the staff of an association."))
    _ask(request, every_association=False)
    return redirect("missions:exports")


@login_required
@require_GET
def export_download(request: HttpRequest, pk: int) -> HttpResponse:
    export = export_for_requester(request.user, pk)
    if (
        export is None
        or not export.is_ready
        or not export.file
        or export.expires_at <= timezone.now()
        or (export.every_association and not is_france_volontaires(request.user))
    ):
        raise Http404(_("No export at this address: it may have expired."))
    day = timezone.localtime(export.ready_at).date().isoformat()
    return stored_file_download(
        export.file,
        filename=f"{FILE_STEMS[export.kind]}-{day}.{export.file_format}",
        content_type=CONTENT_TYPES[export.file_format],
        missing=_("No export at this address: it may have expired."),
    )


@require_http_methods(["GET", "POST"])
def national_exports(request: HttpRequest) -> HttpResponse:
    """France Volontaires' exports of every association (in the admin: ``admin_view`` signs
    them in, the two-factor middleware asks for their code)."""
    if not is_france_volontaires(request.user):
        raise PermissionDenied
    if request.method == "POST":
        _ask(request, every_association=True)
        return redirect("national_exports")
    exports = exports_of(request.user).filter(every_association=True)
    return render(
        request,
        "admin/national_exports.html",
        {
            **admin.site.each_context(request),
            "title": _("Exports of every association"),
            "exports": exports,
            "kinds": Export.Kind.values,
            "now": timezone.now(),
            "keep_hours": Export.KEEP_HOURS,
        },
    )

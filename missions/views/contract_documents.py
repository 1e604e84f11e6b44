"""The contract document (PDF) of any version of a contract, for both sides.

Staff of the contract's association (administrators and editors) download every version,
a draft included; the volunteer every version once offered to them, the current offer
included (to read it before signing). ``?lang=fr|en`` chooses the language: French (the
legal text) by default for staff, the volunteer's own language for the volunteer.
Anyone else, and any version number the contract does not have, gets a 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from vsi_portal.security.downloads import private_download

from ..contract_document import contract_file_name, contract_pdf
from ..contract_wording import LANGUAGES
from ..models import ContractVersion
from ..selectors.contract_documents import contract_version_for_owner, contract_version_for_staff

STAFF_LANGUAGE = "fr"


def _language(request: HttpRequest, default: str) -> str:
    asked = request.GET.get("lang", "")
    if asked in LANGUAGES:
        return asked
    return default if default in LANGUAGES else STAFF_LANGUAGE


def _pdf_response(version: ContractVersion, language: str) -> HttpResponse:
    response = HttpResponse(
        contract_pdf(version, language=language), content_type="application/pdf"
    )
    # The name is a slug (ASCII letters, digits and dashes): safe in the header as is.
    filename = contract_file_name(version, language=language)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Language"] = language
    return private_download(response)


@login_required
@require_GET
def contract_document(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """Staff: version ``number`` of a contract of their association."""
    version = contract_version_for_staff(request.user, pk, number)
    if version is None:
        raise Http404(_("No contract document at this address."))
    return _pdf_response(version, _language(request, STAFF_LANGUAGE))


@login_required
@require_GET
def my_contract_document(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The volunteer: version ``number`` of their contract, once offered to them."""
    version = contract_version_for_owner(request.user, pk, number)
    if version is None:
        raise Http404(_("No contract document at this address."))
    return _pdf_response(version, _language(request, request.user.preferred_language))

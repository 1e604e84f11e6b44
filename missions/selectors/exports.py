"""Reads of the exports: whose they are, and the rows and columns of each kind's file.

The rows are scoped when the file is built: France Volontaires' exports (``every_association``)
read every association's rows; anyone else's, those of the associations they are on the staff
of at that moment (the models' ``for_member``). They are read in primary-key chunks of plain
values, never as a list of objects, so a file of 500,000 rows costs the memory of one chunk.

Columns are for people: headers in the language of the person who asked, statuses and reasons
in words, country names, dates as dates (a timestamp becomes its day in the portal's time
zone), allowances as whole euros.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from associations.models import Association

from ..models import Application, Contract, Domain, Export, Mission

CHUNK_SIZE = 2000


def exports_of(user) -> QuerySet[Export]:
    """The person's exports, newest first (the expired ones are deleted)."""
    return Export.objects.of_requester(user)


def export_for_requester(user, pk: int) -> Export | None:
    """One of the person's own exports; nobody else's, France Volontaires included."""
    return exports_of(user).filter(pk=pk).first()


def exports_staff_may_request(user) -> bool:
    """Whether the person is on the staff of an association (what their exports cover)."""
    return Association.objects.for_member(user).exists()


# --- The files' columns ------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # a lookup of ``values_list``
    shows: Callable[[Any], Any] = lambda value: value
    width: int = 16  # in characters, for the spreadsheet


def _days() -> Callable[[datetime | None], date | None]:
    """A timestamp's day in the portal's time zone (read once per file)."""
    zone = timezone.get_default_timezone()
    return lambda value: value.astimezone(zone).date() if isinstance(value, datetime) else value


def _words(choices) -> Callable[[Any], str]:
    """A code's words in the active language (read once per file, not once per row)."""
    labels = {code: str(label) for code, label in choices}
    return lambda code: labels.get(code, code or "")


def _country_names() -> Callable[[str], str]:
    """Country names in the active language, read once per file (django-countries' lookup
    per row was half of a 100,000-row export's time)."""
    names = {code: str(name) for code, name in countries}
    return lambda code: names.get(code, code or "")


def _person(value: str | None) -> str:
    # The volunteer deleted their account: the record stays, without them.
    return value if value is not None else _("Deleted account")


def _reference(value: int) -> int:
    return value


def _mission_columns() -> list[Column]:
    return [
        Column(_("Reference"), "pk", _reference, 10),
        Column(_("Association"), "association__name", width=30),
        Column(_("Title"), "title", width=40),
        Column(_("Status"), "status", _words(Mission.Status.choices)),
        Column(_("Domain"), "domain", _words(Domain.choices), 24),
        Column(_("Country"), "country", _country_names(), 20),
        Column(_("City or region"), "place", width=20),
        Column(_("Planned start"), "start_on", width=12),
        Column(_("Planned end"), "end_on", width=12),
        Column(_("Duration (months)"), "duration_months", width=10),
        Column(_("Monthly allowance (€)"), "allowance_eur", width=12),
        Column(_("Places"), "places", width=8),
        Column(_("Application deadline"), "application_deadline", width=12),
        Column(_("Minimum age"), "min_age", width=8),
        Column(_("Published on"), "published_at", _days(), 12),
    ]


def _application_columns() -> list[Column]:
    reasons = {
        **dict(Application.RejectionReason.choices),
        **dict(Application.WithdrawalReason.choices),
    }
    reason_words = _words(reasons.items())
    return [
        Column(_("Reference"), "pk", _reference, 10),
        Column(_("Association"), "mission__association__name", width=30),
        Column(_("Mission"), "mission__title", width=40),
        Column(_("Country"), "mission__country", _country_names(), 20),
        Column(_("Volunteer"), "volunteer__user__full_name", _person, 24),
        Column(_("E-mail"), "volunteer__user__email", width=28),
        Column(_("Status"), "status", _words(Application.Status.choices)),
        Column(_("Refusal reason"), "rejection_reason", reason_words, 24),
        Column(_("Withdrawal reason"), "withdrawal_reason", reason_words, 24),
        Column(_("Submitted on"), "submitted_at", _days(), 12),
        Column(_("Decided on"), "decided_at", _days(), 12),
    ]


def _contract_columns() -> list[Column]:
    return [
        Column(_("Reference"), "pk", _reference, 10),
        Column(_("Association"), "association__name", width=30),
        Column(_("Mission"), "mission__title", width=40),
        Column(_("Volunteer"), "volunteer__user__full_name", _person, 24),
        Column(_("E-mail"), "volunteer__user__email", width=28),
        Column(_("Country"), "country", _country_names(), 20),
        Column(_("Status"), "status", _words(Contract.Status.choices), 20),
        Column(_("Start"), "start_on", width=12),
        Column(_("Planned end"), "end_on", width=12),
        Column(_("Actual end"), "ended_on", width=12),
        Column(_("Monthly allowance (€)"), "allowance_eur", width=12),
        Column(_("Signed on"), "signed_at", _days(), 12),
        Column(_("Criminal record checked on"), "criminal_record_checked_on", width=12),
        Column(_("Social security affiliation"), "social_security_affiliated_on", width=12),
        Column(_("Training completed on"), "training_completed_on", width=12),
        Column(_("Notice given on"), "notice_given_on", width=12),
        Column(_("End reason"), "end_reason", _words(Contract.EndReason.choices), 24),
        Column(_("Certificate number"), "certificate_number", width=18),
    ]


KINDS: dict[str, tuple[type[Model], Callable[[], list[Column]]]] = {
    Export.Kind.MISSIONS: (Mission, _mission_columns),
    Export.Kind.APPLICATIONS: (Application, _application_columns),
    Export.Kind.CONTRACTS: (Contract, _contract_columns),
}

# The name of a downloaded file, in its language: "contrats-2026-12-05.xlsx".
FILE_STEMS: dict[str, Promise] = {
    Export.Kind.MISSIONS: gettext_lazy("missions"),
    Export.Kind.APPLICATIONS: gettext_lazy("applications"),
    Export.Kind.CONTRACTS: gettext_lazy("contracts"),
}


def export_queryset(export: Export) -> QuerySet:
    """The rows an export covers, scoped to who asked (see the module's docstring)."""
    model, _columns = KINDS[export.kind]
    if export.every_association:
        return model.objects.all()
    return model.objects.for_member(export.requested_by)


def export_columns(kind: str) -> list[Column]:
    """The columns of a kind's file, their headers in the active language."""
    _model, columns = KINDS[kind]
    return columns()


def rows_of(
    queryset: QuerySet, columns: list[Column], *, chunk_size: int | None = None
) -> Iterator[list[Any]]:
    """Each row's cells, in primary-key order, ``chunk_size`` rows per query (keyset)."""
    chunk_size = chunk_size or CHUNK_SIZE
    fields = [column.field for column in columns]
    if "pk" not in fields:
        raise ValueError("an export's columns start with its reference (pk)")
    key = fields.index("pk")
    shows = [column.shows for column in columns]
    queryset = queryset.order_by("pk").values_list(*fields)
    last_pk = None
    while True:
        page = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
        chunk = list(page[:chunk_size])
        for values in chunk:
            yield [show(value) for show, value in zip(shows, values, strict=True)]
        if len(chunk) < chunk_size:
            return
        last_pk = chunk[-1][key]

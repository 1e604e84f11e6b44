"""How the portal writes a date, an amount, a number, a percentage, a file size and an
address: in a sentence, the active language's one format ("1er juin 2027", "June 1, 2027";
"1 200 €", "€1,200"; "87 %", "87%"; "10,1 Mo", "10.1 MB"); in data written out, ISO 8601
and full URLs.

Templates reach the same functions through the ``formats`` library (``{{ day|day }}``,
``{{ moment|moment }}``, ``{{ amount|euros }}``, ``{{ n|number }}``,
``{{ size|file_size }}``); e-mails and the PDFs call them directly. Django's
``|date:"DATE_FORMAT"``, ``|filesizeformat`` and ``|intcomma`` are not used: French writes
the first of the month "1er" and sizes in "Mo", which Django does not
(``tests/core/test_formats.py`` keeps templates from going back to them). French no-break
spaces ("480 €", "87 %", "10,1 Mo") come from the catalogue's translations of the patterns
below, which ``scripts/po_fill.py`` sets with French typography."""

from __future__ import annotations

import re
from datetime import date, datetime

from django.conf import settings
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.functional import lazy
from django.utils.translation import get_language, ngettext, pgettext

SPACES = re.compile(r"[ \t\r\n]+")
BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n")


def one_line(text: str) -> str:
    """Text as one line (an e-mail's subject): line breaks and runs of spaces made one space.

    Not ``str.split()``: it would also take the no-break spaces French puts before ":", "?"
    and "!" and inside « », and the line could break there."""
    return " ".join(SPACES.split(text.strip()))


# French writes the first day of a month as an ordinal: "1er juin", and "2 juin".
_FRENCH_FIRST_DAY = re.compile(r"^1(?=\s)")


def _first_of_month(text: str, day: date) -> str:
    if day.day == 1 and (get_language() or "").startswith("fr"):
        return _FRENCH_FIRST_DAY.sub("1er", text, count=1)
    return text


def tidy_text(text: str) -> str:
    """An e-mail's text part as it is sent: at most one blank line in a row (template tags
    and optional paragraphs leave more), no blank line at either end."""
    return BLANK_LINES.sub("\n\n", text).strip() + "\n"


def format_day(day: date) -> str:
    """A day in the active language's ``DATE_FORMAT``: "1er juin 2027", "June 1, 2027"."""
    return _first_of_month(date_format(day, "DATE_FORMAT"), day)


def format_moment(moment: datetime) -> str:
    """A moment in the portal's time zone and the active language's ``DATETIME_FORMAT``:
    "1er juin 2027 14:05", "June 1, 2027, 2:05 p.m."."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return _first_of_month(date_format(moment, "DATETIME_FORMAT"), moment)


# Sizes count in units of 1,024 bytes and say so the way people read them: "Ko", "Mo" in
# French (Django's French catalogue says "Kio", "Mio"), "KB", "MB" in English.
_KILOBYTE = 1024
_MEGABYTE = 1024 * _KILOBYTE
_GIGABYTE = 1024 * _MEGABYTE


def format_file_size(size: int) -> str:
    """A file's size in the active language: "10,3 Mo", "5 Mo", "512 Ko", "10.3 MB"."""
    if size < _KILOBYTE:
        return ngettext("%(size)s byte", "%(size)s bytes", size) % {"size": size}
    if size < _MEGABYTE:
        return pgettext("file size", "%(size)s KB") % {"size": _units(size, _KILOBYTE, 0)}
    if size < _GIGABYTE:
        return pgettext("file size", "%(size)s MB") % {"size": _units(size, _MEGABYTE, 1)}
    return pgettext("file size", "%(size)s GB") % {"size": _units(size, _GIGABYTE, 1)}


def _units(size: int, unit: int, decimals: int) -> str:
    """``size`` in ``unit``s, a whole number without decimals ("5 Mo", the documents' limit)."""
    decimals = 0 if size % unit == 0 else decimals
    return number_format(round(size / unit, decimals), decimal_pos=decimals, use_l10n=True)


def format_euros(amount: int) -> str:
    """Whole euros in the active language, grouped by thousands: "1 200 €", "€1,200"."""
    number = number_format(amount, decimal_pos=0, use_l10n=True, force_grouping=True)
    return pgettext("money", "€%(amount)s") % {"amount": number}


def format_number(value: int) -> str:
    """A whole number in the active language, grouped by thousands: "1 461", "1,461"."""
    return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def format_percent(value: int) -> str:
    """A whole percentage in the active language: "87 %" in French (a no-break space before
    the sign), "87%" in English."""
    number = number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)
    return pgettext("percentage", "%(number)s%%") % {"number": number}


def iso_or_none(value) -> str | None:
    """A date or a moment as ISO 8601 for data written out (the data export), or None."""
    return value.isoformat() if value else None


def site_url(obj) -> str:
    """The full address of an object's page (``get_absolute_url``) on this portal, or ""
    when the page no longer has an address."""
    try:
        return settings.SITE_URL + obj.get_absolute_url()
    except NoReverseMatch:
        return ""


def _fill(text, values: dict) -> str:
    return str(text) % {
        name: value() if callable(value) else value for name, value in values.items()
    }


_lazy_fill = lazy(_fill, str)


def fill_lazily(text, **values):
    """A translated message with its values filled in when it is shown, in the language
    active then: for messages set once at import (a validator's, a constraint's). A value
    may be a function of no argument, called then (``lambda: format_euros(10_000)``).

    The result has no ``%`` placeholder left, so a validator filling its own
    ``%(limit_value)s`` leaves it as it is: one message names both ends of a range for the
    minimum's validator and the maximum's."""
    return _lazy_fill(text, values)

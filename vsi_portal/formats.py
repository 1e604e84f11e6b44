"""How the portal writes a date, an amount, a percentage and an address: in a sentence, the
active language's one format ("1 juin 2027", "June 1, 2027"; "1 200 €", "€1,200"; "87 %",
"87%"); in data written out, ISO 8601 and full URLs."""

from __future__ import annotations

import re
from datetime import date

from django.conf import settings
from django.urls import NoReverseMatch
from django.utils.formats import date_format, number_format
from django.utils.translation import pgettext

SPACES = re.compile(r"[ \t\r\n]+")
BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n")


def one_line(text: str) -> str:
    """Text as one line (an e-mail's subject): line breaks and runs of spaces made one space.

    Not ``str.split()``: it would also take the no-break spaces French puts before ":", "?"
    and "!" and inside « », and the line could break there."""
    return " ".join(SPACES.split(text.strip()))


def tidy_text(text: str) -> str:
    """An e-mail's text part as it is sent: at most one blank line in a row (template tags
    and optional paragraphs leave more), no blank line at either end."""
    return BLANK_LINES.sub("\n\n", text).strip() + "\n"


def format_day(day: date) -> str:
    """A day in the active language's ``DATE_FORMAT``, for messages written in Python."""
    return date_format(day, "DATE_FORMAT")


def format_euros(amount: int) -> str:
    """Whole euros in the active language, grouped by thousands: "1 200 €", "€1,200"."""
    number = number_format(amount, decimal_pos=0, use_l10n=True, force_grouping=True)
    return pgettext("money", "€%(amount)s") % {"amount": number}


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

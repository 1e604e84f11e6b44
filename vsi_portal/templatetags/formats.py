"""The portal's formats in templates (``vsi_portal.formats``): ``{{ day|day }}`` "1er juin 2027",
``{{ moment|moment }}``, ``{{ amount|euros }}`` "1 200 €" / "€1,200", ``{{ size|file_size }}``
"10,0 Mo"."""

from __future__ import annotations

from datetime import date, datetime

from django import template

from vsi_portal.formats import (
    format_day,
    format_euros,
    format_file_size,
    format_moment,
    format_number,
)

register = template.Library()


@register.filter
def number(value) -> str:
    """A whole number grouped by thousands, the language's way: "1 461", "1,461"."""
    if value is None or value == "":
        return ""
    return format_number(int(value))


@register.filter
def euros(amount) -> str:
    if amount is None or amount == "":
        return ""
    return format_euros(int(amount))


# ``expects_localtime``: like Django's ``|date``, a moment arrives in the portal's time zone.
@register.filter(expects_localtime=True)
def day(value) -> str:
    """A date, or a moment's day, written the language's way."""
    if not value:
        return ""
    if isinstance(value, datetime):
        return format_day(value.date())
    return format_day(value) if isinstance(value, date) else str(value)


@register.filter(expects_localtime=True)
def moment(value) -> str:
    if not value:
        return ""
    return format_moment(value)


@register.filter
def file_size(value) -> str:
    if value is None or value == "":
        return ""
    return format_file_size(int(value))

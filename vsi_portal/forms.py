"""What every form of the portal shares: a date field that accepts 1900 to 2100 only.

Python's calendar runs to 9999, and the date rules cannot count months past its end
(``vsi_portal.entitlements``); nobody serves a VSI in 1850 or 2400 either. Every date a
person types goes through ``DateField`` (forms: ``vsi_portal.forms.DateField``; model
forms: ``Meta.field_classes = date_field_classes(...)``), so a year typed with one digit too
many gets a clear message on its field instead of a crash further on.
``tests/core/test_form_dates.py`` walks every form of the portal to hold them to it.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vsi_portal.formats import format_day

FIRST_FORM_DATE = date(1900, 1, 1)
LAST_FORM_DATE = date(2100, 12, 31)


def validate_form_date(value: date) -> None:
    """Refuse a date before 1900 or after 2100, naming both ends in the active language."""
    if not FIRST_FORM_DATE <= value <= LAST_FORM_DATE:
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s.")
            % {"first": format_day(FIRST_FORM_DATE), "last": format_day(LAST_FORM_DATE)},
            code="date_out_of_range",
        )


class DateField(forms.DateField):
    """A ``forms.DateField`` bounded to 1900–2100; a date picker gets the same bounds."""

    default_validators = [validate_form_date]

    def widget_attrs(self, widget: forms.Widget) -> dict:
        attrs = super().widget_attrs(widget)
        is_date_picker = getattr(widget, "input_type", "") == "date" or (
            widget.attrs.get("type") == "date"
        )
        if is_date_picker:
            attrs["min"] = FIRST_FORM_DATE.isoformat()
            attrs["max"] = LAST_FORM_DATE.isoformat()
        return attrs


def date_field_classes(*names: str) -> dict[str, type[forms.Field]]:
    """``Meta.field_classes`` for a model form: each named model date field as ``DateField``."""
    return dict.fromkeys(names, DateField)

"""What every form of the portal shares: a date field that accepts 1900 to 2100 only, and a
text field that counts its length as the browser does.

*Text*: a textarea's ``maxlength`` counts a line break as one character, but the form sends
it as two (``\r\n``): a motivation the browser let through at 5,000 characters was refused
at 5,011. ``TextField`` makes every line break one ``\n`` before the length is checked (and
stored), so the form and the browser count alike; ``browser_length`` is that count.

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
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
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


def normalise_line_breaks(text: str) -> str:
    """Every line break as one ``\\n`` (a form sends ``\\r\\n``, old Macs ``\\r``)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def browser_length(text: str) -> int:
    """The length a browser's textarea counts (its ``maxlength``): a line break counts once."""
    return len(normalise_line_breaks(text or ""))


class TextField(forms.CharField):
    """A ``forms.CharField`` in a textarea whose line breaks are one ``\\n`` each, so that its
    ``max_length`` (also the textarea's ``maxlength``) counts as the browser counts."""

    widget = forms.Textarea

    def to_python(self, value):
        return normalise_line_breaks(super().to_python(value))

    def limit_length(self, max_length: int) -> None:
        """Set ``max_length`` after construction (a model form's field of a ``TextField``)."""
        self.max_length = max_length
        self.validators.append(MaxLengthValidator(max_length))
        self.widget.attrs["maxlength"] = str(max_length)


class ModelNumberBounds:
    """A model form whose number inputs carry the bounds of their model field's validators
    as ``min`` and ``max``, so the page says the allowed range before anyone submits.

    Django gives a ``PositiveIntegerField``'s input ``min="0"`` and nothing more, although
    the model's validators (with their messages naming the range) refuse the value."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if not isinstance(field, forms.IntegerField):
                continue
            try:
                model_field = self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            for validator in model_field.validators:
                if isinstance(validator, MinValueValidator):
                    field.widget.attrs["min"] = validator.limit_value
                elif isinstance(validator, MaxValueValidator):
                    field.widget.attrs["max"] = validator.limit_value

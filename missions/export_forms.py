"""The form that asks for an export: what, in which format, and the key of this form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Export


class ExportRequestForm(forms.Form):
    """Posted by the buttons of ``{% export_buttons %}``: the kind and the key are hidden,
    the format is the button pressed. The key is new each time the page is shown, so a
    double click asks once (``services.exports.export_request``)."""

    kind = forms.ChoiceField(label=_("What"), choices=Export.Kind.choices)
    file_format = forms.ChoiceField(label=_("Format"), choices=Export.Format.choices)
    request_key = forms.UUIDField(widget=forms.HiddenInput)

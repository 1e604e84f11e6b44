from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _


class NotificationSettingsForm(forms.Form):
    """One checkbox per reminder kind: checked means "send it to me"."""

    def __init__(self, *args, kinds, muted, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        for kind in kinds:
            field = forms.BooleanField(
                label=kind.label,
                required=False,
                initial=kind.essential or kind.code not in muted,
            )
            if kind.essential:
                field.disabled = True
                field.initial = True
                field.help_text = _("Always on: it announces a legal deadline.")
            self.fields[kind.code] = field
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save my choices")))

    def muted_kinds(self) -> list[str]:
        return [
            kind.code
            for kind in self.kinds
            if not kind.essential and not self.cleaned_data.get(kind.code)
        ]

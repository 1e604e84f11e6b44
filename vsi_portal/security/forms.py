from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    """The six-digit code an authenticator app shows."""

    token = forms.RegexField(
        label=_("Code from your authenticator app"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        max_length=12,
        error_messages={"invalid": _("Type the six digits your app shows.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, submit_label=None, action: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "post"
        if action:
            self.helper.form_action = action
        self.helper.add_input(Submit("confirm", submit_label or _("Confirm")))

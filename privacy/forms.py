"""The form of privacy: confirming the erasure of one's account."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from vsi_portal.accounts.addresses import normalise_email


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm_email = forms.CharField(
        label=_("Type your e-mail address to confirm"),
        help_text=_("This cannot be undone."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.helper = FormHelper()
        self.helper.add_input(
            Submit("delete", _("Delete my account for good"), css_class="btn-danger")
        )

    def clean_password(self):
        password = self.cleaned_data.get("password", "")
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not correct."))
        return password

    def clean_confirm_email(self):
        typed = self.cleaned_data.get("confirm_email", "").strip()
        if normalise_email(typed) != normalise_email(self.user.email):
            raise forms.ValidationError(
                _("Type your e-mail address exactly as you sign in with it.")
            )
        return typed

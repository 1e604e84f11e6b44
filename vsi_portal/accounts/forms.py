from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class SignupExtraForm(forms.Form):
    """What allauth's sign-up asks beyond the e-mail and password."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )

    field_order = ["full_name", "email", "password1", "password2"]

    def signup(self, request, user) -> None:
        user.full_name = self.cleaned_data["full_name"].strip()
        user.preferred_language = (get_language() or "fr")[:2]
        user.save(update_fields=["full_name", "preferred_language"])

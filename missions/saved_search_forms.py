"""The forms of the saved searches: saving the search shown, renaming and its alert."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SavedSearch


class SaveSearchForm(forms.Form):
    name = forms.CharField(
        label=_("Name of this search"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    frequency = forms.ChoiceField(
        label=_("Send me new missions by e-mail"),
        choices=SavedSearch.Frequency.choices,
        initial=SavedSearch.Frequency.WEEKLY,
    )
    # The search shown: its query string, and whether it showed only the missions the
    # person can apply to (the page's switch, said explicitly).
    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
    eligible = forms.BooleanField(required=False, widget=forms.HiddenInput)


class SavedSearchForm(forms.ModelForm):
    class Meta:
        model = SavedSearch
        fields = ["name", "frequency"]
        labels = {"name": _("Name"), "frequency": _("E-mail alert")}

"""The staff's form for the days of leave a volunteer has taken on a contract."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Contract


class LeaveTakenForm(forms.Form):
    leave_days_taken = forms.IntegerField(label=_("Days of leave taken so far"))

    def __init__(self, *args, contract: Contract, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        entitlement = contract.leave_entitlement
        # The browser's bounds and the form's are the service's: 0 to what the contract gives.
        self.fields["leave_days_taken"] = forms.IntegerField(
            label=_("Days of leave taken so far"),
            min_value=0,
            max_value=entitlement,
            help_text=ngettext(
                "The total so far, from 0 to %(days)s (the contract gives %(days)s day).",
                "The total so far, from 0 to %(days)s (the contract gives %(days)s days).",
                entitlement,
            )
            % {"days": entitlement},
            error_messages={
                "max_value": _("At most %(limit_value)s: the days of leave this contract gives."),
                "min_value": _("At least %(limit_value)s."),
            },
        )

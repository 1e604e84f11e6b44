"""The forms of an application's conversation: writing a message, reporting one.

The message's length is counted as the browser counts it (``maxlength`` on the textarea):
a line break is one character, though the form sends it as two (``\\r\\n``).
"""

from __future__ import annotations

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from vsi_portal.forms import TextField

from .models.conversations import (
    MESSAGE_MAX_LENGTH,
    REPORT_REASON_MAX_LENGTH,
    normalise_text,
)
from .services.conversations import message_body_problem


class MessageForm(forms.Form):
    body = TextField(
        label=_("Your message"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MESSAGE_MAX_LENGTH}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _(
            "At most %(max)s characters. The other side is told at once."
        ) % {"max": number_format(MESSAGE_MAX_LENGTH, force_grouping=True)}

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        problem = message_body_problem(body)
        if problem:
            raise forms.ValidationError(problem)
        return normalise_text(body)


class ReportForm(forms.Form):
    reason = TextField(
        label=_("Why do you report this message?"),
        max_length=REPORT_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("France Volontaires reads every report; the other side is not told of it."),
    )

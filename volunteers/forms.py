"""The volunteer's forms: profile, prior missions, documents."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Fieldset, Layout, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from missions.models import Domain, Language
from vsi_portal.forms import DateField, TextField, date_field_classes

from .answers import RULES_FACTS
from .errors import DocumentRejected
from .models import Document, PriorMission, Volunteer
from .services import birth_date_problem, prior_mission_problems
from .uploads import ACCEPTED_CONTENT_TYPES, ACCEPTED_EXTENSIONS, inspect_upload


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class RulesFactsForm(forms.ModelForm):
    """The facts the rules read (``answers.RULES_FACTS``), with their checks: the first part
    of the profile form, and on its own the visitor's "Am I eligible?" (``answers.py``)."""

    class Meta:
        model = Volunteer
        fields = list(RULES_FACTS)
        field_classes = date_field_classes("birth_date", "leave_start", "leave_end")
        widgets = {
            "birth_date": DateInput(),
            "leave_start": DateInput(),
            "leave_end": DateInput(),
        }
        help_texts = {
            "nationalities": _(
                "Choose every nationality you hold (Ctrl or Cmd to choose several)."
            ),
            "residence": _("The country where you usually live."),
            "leave_kind": _(
                "If you are employed, a VSI is only possible during a sabbatical or an "
                "international solidarity leave covering the whole mission."
            ),
            "other_activity": _("Tick if you would keep another paid professional activity."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leave_kind"].required = False
        self.fields["nationalities"].widget.attrs["size"] = 8

    def clean_birth_date(self):
        birth_date = self.cleaned_data.get("birth_date")
        problem = birth_date_problem(birth_date, today=timezone.localdate())
        if problem:
            raise forms.ValidationError(problem)
        return birth_date

    def clean(self):
        cleaned = super().clean()
        employed = cleaned.get("employed")
        leave_kind = cleaned.get("leave_kind")
        start, end = cleaned.get("leave_start"), cleaned.get("leave_end")
        if leave_kind and not employed:
            self.add_error(
                "leave_kind",
                _(
                    "A leave only applies to an employment contract: tick “bound by an "
                    "employment contract” or choose “No leave”."
                ),
            )
        if leave_kind:
            if not start and "leave_start" not in self.errors:
                self.add_error("leave_start", _("Give the first day of your leave."))
            if not end and "leave_end" not in self.errors:
                self.add_error("leave_end", _("Give the last day of your leave."))
            if start and end and end < start:
                self.add_error("leave_end", _("The leave must end on or after the day it starts."))
        else:
            # Without a leave, its dates mean nothing: forget them rather than keep stale ones.
            cleaned["leave_start"] = cleaned["leave_end"] = None
        return cleaned


class EligibilityAnswersForm(RulesFactsForm):
    """A visitor's "Am I eligible?": the facts the rules read, the first three required.

    Bound to an unsaved profile that is never saved: the answers go to the session
    (``answers.answers_keep``)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("birth_date", "nationalities", "residence"):
            self.fields[name].required = True
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                _("About you"),
                Field("birth_date", autocomplete="bday"),
                "nationalities",
                "residence",
            ),
            Fieldset(
                _("Work"), "employed", "leave_kind", "leave_start", "leave_end", "other_activity"
            ),
            Submit("answer", _("See what is open to me")),
        )


class ProfileForm(RulesFactsForm):
    """The facts the rules need, then what helps associations choose (all optional to save)."""

    languages = forms.ModelMultipleChoiceField(
        label=_("Languages spoken"),
        queryset=Language.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    domains_of_interest = forms.MultipleChoiceField(
        label=_("Domains of interest"),
        choices=Domain.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta(RulesFactsForm.Meta):
        fields = [
            *RULES_FACTS,
            "public_official",
            "languages",
            "skills",
            "domains_of_interest",
            "countries_of_interest",
            "available_from",
            "presentation",
            "phone",
        ]
        field_classes = {
            **date_field_classes("birth_date", "leave_start", "leave_end", "available_from"),
            "skills": TextField,
            "presentation": TextField,
        }
        widgets = {
            **RulesFactsForm.Meta.widgets,
            "available_from": DateInput(),
            "skills": forms.Textarea(attrs={"rows": 3}),
            "presentation": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            **RulesFactsForm.Meta.help_texts,
            "public_official": _("Tick if you are a civil servant (this changes some aids)."),
            "countries_of_interest": _("Ctrl or Cmd to choose several."),
            "skills": _("One skill per line or separated by commas."),
            "presentation": _("A few lines for the associations reading your applications."),
            "phone": _(
                "Optional. The staff of the associations you apply to see it with your e-mail "
                "address, to reach you about your application."
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("domains_of_interest", self.instance.domains_of_interest)
        self.fields["countries_of_interest"].widget.attrs["size"] = 8
        self.fields["presentation"].limit_length(2000)
        self.fields["skills"].limit_length(2000)
        self.fields["phone"].widget.input_type = "tel"
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                _("About you"),
                Field("birth_date", autocomplete="bday"),
                "nationalities",
                "residence",
                Field("phone", autocomplete="tel"),
            ),
            Fieldset(
                _("Work"),
                "employed",
                "leave_kind",
                "leave_start",
                "leave_end",
                "other_activity",
                "public_official",
            ),
            Fieldset(
                _("What you bring and look for"),
                "languages",
                "skills",
                "domains_of_interest",
                "countries_of_interest",
                "available_from",
                "presentation",
            ),
            Submit("save", _("Save my profile")),
        )


class PriorMissionForm(forms.ModelForm):
    class Meta:
        model = PriorMission
        fields = ["association_name", "country", "start_on", "end_on"]
        field_classes = date_field_classes("start_on", "end_on")
        labels = {
            "start_on": _("First day of the mission"),
            "end_on": _("Last day of the mission"),
        }
        help_texts = {
            "association_name": _("The association or public interest group that sent you."),
            "end_on": _("The last day actually served (if the contract ended early, that day)."),
        }
        widgets = {"start_on": DateInput(), "end_on": DateInput()}

    def __init__(self, *args, submit_label=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", submit_label or _("Save")))

    def clean(self):
        cleaned = super().clean()
        start_on, end_on = cleaned.get("start_on"), cleaned.get("end_on")
        if start_on and end_on:
            problems = prior_mission_problems(
                country=cleaned.get("country") or "",
                start_on=start_on,
                end_on=end_on,
                today=timezone.localdate(),
            )
            for field, messages in problems.items():
                for message in messages:
                    self.add_error(field, message)
        return cleaned


class DocumentUploadForm(forms.Form):
    """One file of a given kind; its content decides whether it is accepted."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG or PNG, at most 5 MB."),
        error_messages={
            "required": _("Choose a file to send."),
            "empty": _("The file is empty. Choose the document again."),
        },
        widget=forms.ClearableFileInput(
            attrs={"accept": f"{ACCEPTED_EXTENSIONS},{ACCEPTED_CONTENT_TYPES}"}
        ),
    )

    def __init__(self, *args, kind: str, action: str, **kwargs) -> None:
        super().__init__(*args, prefix=kind, **kwargs)
        self.kind = kind
        self.fields["file"].label = (
            _("Your CV") if kind == Document.Kind.CV else _("Your criminal record extract")
        )
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.form_method = "post"
        self.helper.add_input(Submit(f"upload-{kind}", _("Send")))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            inspect_upload(upload)
        except DocumentRejected as error:
            raise forms.ValidationError(error.message) from None
        return upload


class PremiumRequestedForm(forms.Form):
    """ "I have requested the insertion premium", with the day of the request."""

    requested_on = DateField(
        label=_("Date of your request"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, action: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.add_input(Submit("submit", _("I have requested the premium")))

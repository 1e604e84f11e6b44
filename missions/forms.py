"""The mission form (staff) and the search form (public, read from the URL)."""

from __future__ import annotations

import functools

from django import forms
from django.conf import settings
from django.forms.utils import flatatt
from django.utils.choices import normalize_choices
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from associations.models import Association
from vsi_portal.forms import DateField, date_field_classes

from .eligible_switch import EligibleField
from .languages import language_choices
from .models import Application, Contract, ContractVersion, Domain, Mission
from .models.missions import ALLOWANCE_TOO_HIGH, MAX_ALLOWANCE_EUR
from .regions import Region, countries_in
from .search import fold
from .selectors.search import Sort
from .services.contract_ends import VOLUNTEER_END_REASONS
from .services.missions import MISSION_FIELDS

MAX_DURATION_MONTHS = 24


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MissionForm(forms.ModelForm):
    """The facts of a mission; the rules are checked by the services, field by field."""

    class Meta:
        model = Mission
        fields = [*MISSION_FIELDS, "languages"]
        field_classes = date_field_classes("start_on", "end_on", "application_deadline")
        widgets = {
            "start_on": DateInput(),
            "end_on": DateInput(),
            "application_deadline": DateInput(),
            "description": forms.Textarea(attrs={"rows": 8}),
            "skills": forms.Textarea(attrs={"rows": 3}),
            "languages": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "summary": _("One or two sentences shown in the search results."),
            "description": _(
                "Formatting: a blank line between paragraphs; lines starting with “- ” or "
                "“1. ” make a list; **bold**, *italics*; a link as [words](https://…). "
                "Anything else shows as typed."
            ),
            "country": _(
                "Outside the European Union and the European Economic Area. A mission in "
                "France (overseas included) is open only to volunteers who hold the "
                "nationality of, or live in, a country outside them."
            ),
            "end_on": _(
                "A VSI contract lasts at most 2 years; 12 months or more opens the "
                "end-of-mission aids."
            ),
            "allowance_eur": _(
                "Whole euros per month: at least €150 abroad; between €800 and €1,600 in France."
            ),
            "application_deadline": _("Before the start. The mission leaves the search after it."),
        }


class MissionCreateForm(MissionForm):
    association = forms.ModelChoiceField(
        label=_("Association"), queryset=Association.objects.none(), empty_label=None
    )

    class Meta(MissionForm.Meta):
        fields = ["association", *MissionForm.Meta.fields]

    def __init__(self, *args, associations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations
        first = associations.first() if associations is not None else None
        if first is not None and not self.is_bound:
            self.initial.setdefault("min_age", first.min_volunteer_age)


SORT_CHOICES = [
    (Sort.RELEVANCE, _("Relevance")),
    (Sort.START, _("Start date")),
    (Sort.NEWEST, _("Newest")),
]


class PythonRenderedSelectMixin:
    """A ``<select>`` whose options are written in Python rather than one template each.

    The same markup as Django's ``select.html`` and ``select_option.html``; the country list
    has some 250 options, and rendering each through the template engine was the largest
    cost of the search page (docs/performance.md).
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('  <optgroup label="{}">', group_name))
            parts.extend(
                format_html(
                    '  <option value="{}"{}>{}</option>',
                    option["value"],
                    flatatt(option["attrs"]),
                    option["label"],
                )
                for option in options
            )
            if group_name:
                parts.append("  </optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # noqa: S308 - every piece went through format_html


class QuickSelect(PythonRenderedSelectMixin, forms.Select):
    pass


class QuickSelectMultiple(PythonRenderedSelectMixin, forms.SelectMultiple):
    pass


@functools.cache
def _country_choices_by_region(language: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Countries grouped by continent (``<optgroup>``), in ``language`` (the active one).

    Reference data: sorted once per language (the search form is built on every request).
    """
    names = dict(countries)
    return normalize_choices(
        [
            (
                label,
                sorted(
                    ((code, names[code]) for code in countries_in(region) if code in names),
                    key=lambda pair: fold(pair[1]),
                ),
            )
            for region, label in Region.choices
        ]
    )


@functools.cache
def _language_choices(language: str) -> list[tuple[str, str]]:
    return normalize_choices([("", _("Any language")), *language_choices()])


def _use_normalized_choices(field: forms.ChoiceField, choices: list) -> None:
    """Gives the field (and its widget) choices normalized once per language.

    The ``choices`` setters normalize what they get, walking all 250 countries twice on
    every request; the lists above are already normalized and cached per language.
    """
    field._choices = field.widget._choices = choices


class SearchForm(forms.Form):
    """Every filter is optional; an invalid one is reported and left out, never fatal."""

    q = forms.CharField(label=_("Words"), max_length=200, required=False)
    country = forms.MultipleChoiceField(
        label=_("Countries"),
        choices=[],
        required=False,
        # The data-* attributes give static/js/country-picker.js its words.
        widget=QuickSelectMultiple(
            attrs={
                "size": 6,
                "data-country-picker": "",
                "data-placeholder": _("Type a country's name"),
                "data-no-results": _("No country of that name"),
                "data-remove-label": _("Remove this country"),
            }
        ),
    )
    region = forms.MultipleChoiceField(
        label=_("Continents"),
        choices=Region.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    domain = forms.MultipleChoiceField(
        label=_("Domains"),
        choices=Domain.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    start_from = DateField(label=_("Starts from"), required=False, widget=DateInput())
    start_to = DateField(label=_("Starts until"), required=False, widget=DateInput())
    duration_min = forms.IntegerField(
        label=_("Minimum duration (months)"),
        min_value=0,
        max_value=MAX_DURATION_MONTHS,
        required=False,
    )
    duration_max = forms.IntegerField(
        label=_("Maximum duration (months)"),
        min_value=0,
        max_value=MAX_DURATION_MONTHS,
        required=False,
    )
    allowance_min = forms.IntegerField(
        label=_("Minimum monthly allowance (€)"), min_value=0, max_value=100_000, required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[], required=False, widget=QuickSelect
    )
    eligible = EligibleField(label=_("Only missions I can apply to"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), choices=SORT_CHOICES, required=False, widget=QuickSelect
    )

    def __init__(self, *args, eligible_default: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eligible"].widget.default = eligible_default
        language = get_language() or settings.LANGUAGE_CODE
        _use_normalized_choices(self.fields["country"], _country_choices_by_region(language))
        _use_normalized_choices(self.fields["language"], _language_choices(language))

    def clean(self):
        cleaned = super().clean()
        start_from, start_to = cleaned.get("start_from"), cleaned.get("start_to")
        if start_from and start_to and start_to < start_from:
            self.add_error("start_to", _("This date is before the first one."))
        low, high = cleaned.get("duration_min"), cleaned.get("duration_max")
        if low is not None and high is not None and high < low:
            self.add_error("duration_max", _("The maximum is below the minimum."))
        return cleaned

    def valid_values(self) -> dict:
        """The filters that passed validation (the others are ignored, with their error shown)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}


# --- Applications and contracts -------------------------------------------------------------


class ApplicationForm(forms.Form):
    motivation = forms.CharField(
        label=_("Your motivation"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Why this mission, what you bring to it, what you expect from it. The association "
            "also sees your profile and your CV."
        ),
    )


class WithdrawForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why do you withdraw?"),
        choices=[("", "---------"), *Application.WithdrawalReason.choices],
    )
    message = forms.CharField(
        label=_("A word for the association (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason for not retaining"),
        choices=[("", "---------"), *Application.RejectionReason.choices],
    )
    message = forms.CharField(
        label=_("Message to the volunteer (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ContractForm(forms.Form):
    start_on = DateField(label=_("Start"), widget=DateInput())
    end_on = DateField(
        label=_("Planned end"),
        widget=DateInput(),
        help_text=_("A VSI contract lasts at most 2 years."),
    )
    allowance_eur = forms.IntegerField(
        label=_("Monthly allowance (euros)"),
        min_value=0,
        max_value=MAX_ALLOWANCE_EUR,
        error_messages={"max_value": ALLOWANCE_TOO_HIGH},
        help_text=_(
            "Whole euros per month: at least €150 abroad; between €800 and €1,600 in France."
        ),
    )


class PrerequisitesForm(forms.Form):
    social_security_affiliated_on = DateField(
        label=_("Social security affiliation date"),
        required=False,
        widget=DateInput(),
        help_text=_("On or before the start of the contract."),
    )
    insurance_reference = forms.CharField(
        label=_("Insurance policy reference"), required=False, max_length=100
    )
    training_completed_on = DateField(
        label=_("Pre-departure training completed on"), required=False, widget=DateInput()
    )


class CriminalRecordCheckForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome of the check"),
        choices=Contract.CriminalRecordOutcome.choices,
        widget=forms.RadioSelect,
    )
    # The upload the administrator downloaded (required: without it the guard could be
    # skipped): a file the volunteer replaced since is not recorded as checked
    # (services.contracts.contract_record_criminal_record_check).
    extract_uploaded_at = forms.DateTimeField(widget=forms.HiddenInput)


class EndEarlyForm(forms.Form):
    notice_given_on = DateField(label=_("Notice given on"), widget=DateInput())
    ended_on = DateField(
        label=_("Last day of the contract"),
        widget=DateInput(),
        help_text=_("At least one month after the notice, and no later than the planned end."),
    )
    reason = forms.ChoiceField(
        label=_("Reason"), choices=[("", "---------"), *Contract.EndReason.choices]
    )
    compelling_reason = forms.BooleanField(
        label=_("Compelling reason (health, family, security)"),
        required=False,
        help_text=_("It matters for the resettlement allowance of a mission of 6 to 12 months."),
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# --- The end of a contract and its certificate (views/contract_ends.py) ---------------------


class VolunteerNoticeForm(forms.Form):
    """The volunteer's own notice: given today, with the last day they choose."""

    ended_on = DateField(
        label=_("My last day"),
        widget=DateInput(),
        help_text=_("At least one month after today, and no later than the planned end."),
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[
            ("", "---------"),
            *(
                (value, label)
                for value, label in Contract.EndReason.choices
                if value in VOLUNTEER_END_REASONS
            ),
        ],
    )
    explanation = forms.CharField(
        label=_("A word for the association (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CertificateIssueForm(forms.Form):
    """Where the certificate is made and who signs it for the association."""

    place = forms.CharField(label=_("Made at (city)"), max_length=100)
    signatory_name = forms.CharField(label=_("Signed by (full name)"), max_length=150)
    signatory_role = forms.CharField(
        label=_("Signatory's role"),
        max_length=150,
        help_text=_("For example: president, director, head of volunteering."),
    )


class CertificateVerifyForm(forms.Form):
    """The public verification page's one field, read from the URL."""

    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("The 12 characters printed on the certificate, for example ABCD-EFGH-JKMN."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


# --- Signing the contract (offer, signatures, amendments, the volunteer's departure facts) --


class AmendmentForm(ContractForm):
    changes = forms.CharField(
        label=_("What this amendment changes, and why"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The volunteer reads it with the new terms before signing."),
    )

    def __init__(self, *args, start_locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_on"].required = False
        if start_locked:
            self.fields["start_on"].disabled = True
            self.fields["start_on"].help_text = _(
                "The contract is under way: its start cannot change."
            )


class SignForm(forms.Form):
    full_name = forms.CharField(
        label=_("Your full name"),
        max_length=150,
        help_text=_("Type your name as it appears on your account: it is your signature."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    accept = forms.BooleanField(
        label=_("I have read the contract and accept it"),
        error_messages={"required": _("Tick the box to say you have read and accept it.")},
    )


class AssociationSignForm(SignForm):
    role = forms.CharField(
        label=_("Your role in the association"),
        max_length=150,
        help_text=_("For example: president, director."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why do you decline the contract?"),
        choices=[("", "---------"), *ContractVersion.DeclineReason.choices],
    )
    note = forms.CharField(
        label=_("A word for the association (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DepartureFactsForm(forms.Form):
    social_security_affiliated_on = DateField(
        label=_("Social security affiliation date"),
        required=False,
        widget=DateInput(),
        help_text=_("On or before the start of the contract."),
    )
    training_completed_on = DateField(
        label=_("Pre-departure training completed on"),
        required=False,
        widget=DateInput(),
        help_text=_("Once you have followed it."),
    )

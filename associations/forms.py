from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from vsi_portal.accounts.fields import EmailAddressField
from vsi_portal.forms import DateField
from vsi_portal.uploads import PDF_ONLY, accept_attribute

from .errors import AssociationError
from .models import LEGAL_IDENTIFIER_TAKEN, Association, AssociationDocument, Membership
from .services.associations import FIELDS_LOCKED_ONCE_APPROVED, PROFILE_FIELDS
from .services.documents import inspect_file_document
from .validators import normalize_legal_identifier, validate_legal_identifier, validate_logo


def _file_document_field(label, help_text) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.FileInput(attrs={"accept": accept_attribute(PDF_ONLY)}),
    )


class AssociationForm(forms.ModelForm):
    """The association's file: used to register it and, later, to correct it.

    Besides the association's facts, its documents for France Volontaires: the ministry's
    approval decision and the statutes (PDF); a document already on file is replaced only
    when a new one is chosen.
    """

    DOCUMENT_FIELDS = {
        "approval_decision": AssociationDocument.Kind.APPROVAL_DECISION,
        "statutes": AssociationDocument.Kind.STATUTES,
    }

    website = forms.URLField(
        label=Association._meta.get_field("website").verbose_name,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )

    class Meta:
        model = Association
        fields = list(PROFILE_FIELDS)
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "organization"}),
        }
        help_texts = {
            "description": _("What the association does, where, and with whom. Shown publicly."),
            "contact_email": _("The address volunteers and France Volontaires can write to."),
            "city": _("Where the association's documents are made: “Fait à …” on a certificate."),
            "approval_reference": _(
                "The reference written on the ministry's decision approving the association "
                "for international solidarity volunteering."
            ),
        }

    approval_decision = _file_document_field(
        _("Ministry approval decision"),
        _("The decision approving the association, as a PDF of 5 MB at most."),
    )
    statutes = _file_document_field(
        _("Statutes"), _("The association's current statutes, as a PDF of 5 MB at most.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The documents right after the approval reference they prove.
        after = PROFILE_FIELDS.index("approval_reference") + 1
        self.order_fields([*PROFILE_FIELDS[:after], *self.DOCUMENT_FIELDS, *PROFILE_FIELDS[after:]])
        self.fields["description"].required = True
        self.fields["address"].required = True
        if self.instance.pk and self.instance.status in (
            Association.Status.APPROVED,
            Association.Status.SUSPENDED,
        ):
            for name in FIELDS_LOCKED_ONCE_APPROVED:
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Fixed since the approval: contact France Volontaires to change it."
                )

    def clean_legal_identifier(self) -> str:
        value = normalize_legal_identifier(self.cleaned_data.get("legal_identifier", ""))
        validate_legal_identifier(value)
        others = Association.objects.with_legal_identifier(value)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(LEGAL_IDENTIFIER_TAKEN, code="duplicate")
        return value

    def add_service_error(self, error: AssociationError) -> None:
        """Show a refusal of the services on its field (a legal identifier registered by
        someone else at the same moment), or above the form."""
        field = "legal_identifier" if error.code == "legal_identifier_taken" else None
        self.add_error(field, error.message)

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            validate_logo(logo)
        return logo

    def _clean_document(self, name: str):
        upload = self.cleaned_data.get(name)
        if isinstance(upload, UploadedFile):
            try:
                inspect_file_document(upload)
            except AssociationError as error:
                raise forms.ValidationError(error.message, code=error.code) from None
        return upload

    def clean_approval_decision(self):
        return self._clean_document("approval_decision")

    def clean_statutes(self):
        return self._clean_document("statutes")

    def documents(self) -> dict:
        """The documents chosen in this form, by kind, for `association_document_upload`."""
        return {
            kind: self.cleaned_data[name]
            for name, kind in self.DOCUMENT_FIELDS.items()
            if self.cleaned_data.get(name)
        }

    def profile_changes(self) -> dict:
        """The fields to give the service (only those that changed, when editing)."""
        if self.instance.pk:
            return {
                name: self.cleaned_data[name]
                for name in self.changed_data
                if name in PROFILE_FIELDS
            }
        return {name: self.cleaned_data[name] for name in PROFILE_FIELDS}


class InvitationForm(forms.Form):
    email = EmailAddressField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        initial=Membership.Role.EDITOR,
        help_text=_(
            "Editors publish missions and review applications; administrators also manage "
            "the team and the association's file."
        ),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class ResubmitForm(forms.Form):
    note = forms.CharField(
        label=_("What you corrected (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# --- France Volontaires (Django admin) ----------------------------------------


class ApproveForm(forms.Form):
    approval_reference = forms.CharField(label=_("Ministry approval reference"), max_length=100)
    approval_expires_on = DateField(
        label=_("Approval expires on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("In the future, and at most 4 years from today."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to the association's administrators and shown in their space."),
    )


class ReinstateForm(forms.Form):
    reason = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    approval_reference = forms.CharField(
        label=_("Renewed ministry approval reference (optional)"), required=False, max_length=100
    )
    approval_expires_on = DateField(
        label=_("Renewed approval expires on (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Needed only when the recorded approval has expired or was renewed."),
    )

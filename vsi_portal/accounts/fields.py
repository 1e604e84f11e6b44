"""The form field of an e-mail address that names a person (sign-up, login, invitations)."""

from __future__ import annotations

from django import forms

from .addresses import MAX_LENGTH, normalise_email, validate_local_part


class NormalisedEmailMixin:
    """Reads the typed address through `normalise_email` before validating it.

    So “ＬＥＡ@example.org” is “lea@example.org” for every check that follows (a known
    address, a rate limit, a lockout), and the length is checked on what will be stored.
    """

    default_validators = [*forms.EmailField.default_validators, validate_local_part]

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_length", MAX_LENGTH)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_email(value) if value else value


class EmailAddressField(NormalisedEmailMixin, forms.EmailField):
    """An address of a person, read in the portal's normalised form."""

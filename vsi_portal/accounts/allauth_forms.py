"""allauth's account forms, reading every typed address in the normalised form.

Named in `ACCOUNT_FORMS`. Apart from its e-mail field, each form is allauth's own: allauth
then looks the address up, counts its rate limits and sends its e-mails with the normalised
address, which is the form the `User.email` and `EmailAddress.email` columns store.
(Not in `forms.py`: allauth's forms module imports `ACCOUNT_SIGNUP_FORM_CLASS` from there.)
"""

from __future__ import annotations

from allauth.account import forms as allauth_forms
from allauth.account.fields import EmailField
from django.db import IntegrityError, transaction

from .fields import NormalisedEmailMixin
from .models import User


class AccountEmailField(NormalisedEmailMixin, EmailField):
    """allauth's e-mail field (its widget, label and lower-casing), normalised first."""


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # allauth builds the field here, for e-mail logins an EmailField().
        self.fields["login"] = AccountEmailField()


class SignupForm(allauth_forms.SignupForm):
    email = AccountEmailField()

    def try_save(self, request):
        """Saves the account, or, when the same address signed up at the same moment and
        the database refused this second row, answers as for a known address (allauth
        e-mails the owner) instead of failing."""
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            if not User.objects.filter(email=self.cleaned_data.get("email")).exists():
                raise
            self.account_already_exists = True
            return super().try_save(request)


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    email = AccountEmailField(required=True)


class AddEmailForm(allauth_forms.AddEmailForm):
    email = AccountEmailField(required=True)

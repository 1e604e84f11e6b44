from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from .addresses import normalise_email


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        # The portal's forms already normalise what is typed (allauth_forms.py); this
        # covers allauth's own paths that read an address without them.
        return normalise_email(super().clean_email(email))

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Account e-mails go out in the language the person chose, not the
        # language of whoever happens to trigger them.
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

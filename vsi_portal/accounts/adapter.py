from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Account e-mails go out in the language the person chose, not the
        # language of whoever happens to trigger them.
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

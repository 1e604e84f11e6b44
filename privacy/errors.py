"""The privacy app's domain errors: each carries a translated message for the person."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class PrivacyError(Exception):
    """A refused move on a person's data; `message` is shown to the person."""

    default_message = _("This change is not possible.")

    def __init__(self, message=None) -> None:
        self.message = message or self.default_message
        super().__init__(str(self.message))


class AccountDeletionRefused(PrivacyError):
    default_message = _("This account cannot be deleted.")

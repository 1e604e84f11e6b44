"""The volunteers app's domain errors: each carries a translated message for the person."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class VolunteerError(Exception):
    """An invalid move on a volunteer's data; `message` is shown to the person."""

    default_message = _("This change is not possible.")

    def __init__(self, message=None) -> None:
        self.message = message or self.default_message
        super().__init__(str(self.message))


class DocumentRejected(VolunteerError):
    """An uploaded file that is not an acceptable PDF, JPEG or PNG of at most 5 MB."""

    default_message = _("This file cannot be accepted.")

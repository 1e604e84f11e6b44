"""Mail servers that do not answer, for the outbox's tests."""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """A mail server where nothing listens."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")

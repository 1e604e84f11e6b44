"""The associations app's domain errors, with messages for the person who made the move."""

from __future__ import annotations


class AssociationError(Exception):
    """A move the rules do not allow; `message` is shown to the person, in their language."""

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class InvitationError(AssociationError):
    """An invitation that cannot be used: codes expired, used, revoked, wrong_user."""

from __future__ import annotations


class TwoFactorError(Exception):
    """A two-factor move that cannot be made; `message` is shown to the person."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message

"""The missions app's domain errors, with messages for the person who made the move."""

from __future__ import annotations

from collections.abc import Sequence


class MissionError(Exception):
    """An invalid move on a mission (wrong state, not allowed): ``message`` is translated."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


class EngagementError(MissionError):
    """An invalid move on an application or a contract.

    ``reasons`` holds every explained reason when the rules refuse (``eligibility.check``):
    the page lists them all under ``message``.
    """

    def __init__(self, message, *, reasons: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.reasons = tuple(str(reason) for reason in reasons)


class ApplicationError(EngagementError):
    """An invalid move on an application."""


class ContractError(EngagementError):
    """An invalid move on a contract."""


class SavedSearchError(MissionError):
    """An invalid move on a saved search (a name taken, too many searches)."""


class ExportError(MissionError):
    """An export nobody may ask for (not on an association's staff, not France Volontaires)."""

"""What the apps above associations do when an association changes.

Missions are found by their association's name, so a rename must rebuild their search
columns; but associations sit below missions and never import them. Missions register
a callback here, in their ``AppConfig.ready()``, and the associations' services call
the registered callbacks inside the transaction of the change.
"""

from __future__ import annotations

from collections.abc import Callable

from .models import Association

RenamedCallback = Callable[[Association], None]

_renamed_callbacks: list[RenamedCallback] = []


def on_association_renamed(callback: RenamedCallback) -> RenamedCallback:
    """Register ``callback(association)`` to run after an association is renamed."""
    if callback not in _renamed_callbacks:
        _renamed_callbacks.append(callback)
    return callback


def association_renamed(association: Association) -> None:
    """Run every registered callback (the associations' services call it)."""
    for callback in _renamed_callbacks:
        callback(association)

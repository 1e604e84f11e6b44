"""Where a person lands after logging in or signing up when no ``next`` says where.

The core knows no app, so the apps above register a callback in their
``AppConfig.ready()`` (``volunteers`` leads an incomplete profile to its form). The first
callback that answers with an address wins; without one, ``LOGIN_REDIRECT_URL``. An explicit
``next`` always comes first: allauth asks the adapter only without one.
"""

from __future__ import annotations

from collections.abc import Callable

LoginDestination = Callable[[object], str | None]

_destinations: list[LoginDestination] = []


def register_login_destination(destination: LoginDestination) -> LoginDestination:
    """Add ``destination(user) -> address or None`` (once, however often an app is ready)."""
    if destination not in _destinations:
        _destinations.append(destination)
    return destination


def login_destination(user) -> str | None:
    """The first registered destination's answer for ``user``, or None."""
    for destination in _destinations:
        address = destination(user)
        if address:
            return address
    return None

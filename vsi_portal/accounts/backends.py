"""The login backend: the account is found by its normalised address, never by a
case-insensitive match that two accounts could both answer."""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend

from .addresses import normalise_email


class EmailBackend(AuthenticationBackend):
    """allauth's backend (its timing mitigation, its "inactive account" page), with the
    address normalised first, whichever form posted it (allauth's `email`, the admin's
    `username`).

    allauth then matches the stored addresses exactly and checks the password of each
    account it found, so even two rows left colliding by old data (see the
    `email_collisions` command) make a login fail like a wrong password, never crash.
    """

    def _authenticate_by_email(self, email: str, password: str):
        return super()._authenticate_by_email(normalise_email(email), password)

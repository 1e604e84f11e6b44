from __future__ import annotations

from .addresses import normalise_email


def login_identifier(request, credentials: dict | None) -> str:
    """The account a login attempt aims at, as django-axes counts failures.

    allauth posts the e-mail as `login` and authenticates with `email=`; the admin posts
    `username`. The count is kept on the normalised address, so that “LEA@…”,
    “ＬＥＡ@…” and “lea@…” share one counter, as they share one account.
    """
    credentials = credentials or {}
    value = (
        credentials.get("email")
        or credentials.get("username")
        or credentials.get("login")
        or (request.POST.get("login") if request is not None else None)
        or (request.POST.get("username") if request is not None else None)
        or ""
    )
    return normalise_email(str(value))

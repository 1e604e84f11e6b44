from __future__ import annotations


def login_identifier(request, credentials: dict | None) -> str:
    """The account a login attempt aims at, as django-axes counts failures.

    allauth posts the e-mail as `login` and authenticates with `email=`; the
    admin posts `username`. E-mails are case-insensitive, so is the count.
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
    return str(value).strip().lower()

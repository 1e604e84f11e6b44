"""What the security app holds about a person, and how to erase it: the audit trail's rows
about them and django-axes' login records of their addresses.

Read by `privacy` (its registry lists this module); nothing here imports privacy. The audit
trail stays (who saw a criminal record must stay known), but names the person only by
account number once they are erased; their login records go.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress

from .services import audit_erase_person, login_records_purge


def _logins(user) -> tuple[str, ...]:
    """Every address the person signs in with, or did."""
    addresses = {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }
    return tuple(sorted(address for address in addresses if address))


def erase(user) -> None:
    """Before the account is anonymised: the audit trail's rows about the person name
    nobody (`services.audit_erase_person`), and the login records of their addresses are
    deleted (the login typed, IP address and browser of each sign-in or failure)."""
    logins = _logins(user)
    audit_erase_person(user=user, logins=logins)
    login_records_purge(before=None, logins=logins)

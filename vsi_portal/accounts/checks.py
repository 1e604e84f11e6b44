"""System check (database): no two accounts share an address once normalised, and every
address is one the forms accept.

Runs with `manage.py check --database default` and at every `migrate`.
"""

from __future__ import annotations

from django.core import checks
from django.db import DatabaseError

from .selectors import email_address_problems

HINT = "Run `manage.py email_collisions` to list them, then decide in the admin."


@checks.register(checks.Tags.database)
def email_addresses_do_not_collide(app_configs=None, databases=None, **kwargs):
    if not databases or "default" not in databases:
        return []
    try:
        problems = email_address_problems()
    except DatabaseError:  # a first `migrate`: the tables are not there yet
        return []
    found = []
    if problems.collisions:
        found.append(
            checks.Warning(
                f"{len(problems.collisions)} address(es) are shared by several accounts once "
                "normalised (NFKC, case folding); a login with one reaches only the account "
                "that stores it normalised, if any.",
                hint=HINT,
                id="accounts.W001",
            )
        )
    if problems.unaccepted:
        found.append(
            checks.Warning(
                f"{len(problems.unaccepted)} account(s) have an address with a letter beyond "
                "ASCII before the @, which the sign-in form refuses.",
                hint=HINT,
                id="accounts.W002",
            )
        )
    return found

"""Writes of privacy: erasing an account (the right to erasure)."""

from __future__ import annotations

from django.db import transaction

from .errors import AccountDeletionRefused
from .registry import HOLDERS

# --- Erasure -----------------------------------------------------------------------------


@transaction.atomic
def account_delete(*, user) -> None:
    """Deletes a person's data and anonymises their account (the right to erasure).

    Each holder of `registry.HOLDERS`, in that order, may first refuse (a person on an
    association's staff is asked to leave it first, so that no association loses its last
    administrator by surprise); then each erases what it holds:

    - missions: applications still under review are withdrawn, applications and contracts
      stay for the associations but lose the person's words and every link to them;
    - volunteers: the documents (rows, and files once the transaction commits), the
      volunteer profile with prior missions and saved missions are deleted;
    - accounts: the e-mail addresses are deleted; the `User` row stays, with a unique
      undeliverable e-mail, the name "Deleted account", an unusable password and
      `is_active=False`, so that the records the associations must keep stay valid.
    """
    for holder in HOLDERS:
        if holder.erasure_refusal is not None:
            reason = holder.erasure_refusal(user)
            if reason:
                raise AccountDeletionRefused(reason)
    for holder in HOLDERS:
        if holder.erase is not None:
            holder.erase(user)

"""Reads about accounts."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress

from .addresses import plan_normalisation
from .models import User


@dataclass(frozen=True)
class EmailCollision:
    """Accounts whose addresses are one once normalised, oldest first."""

    address: str
    users: tuple[User, ...]


@dataclass(frozen=True)
class EmailAddressProblems:
    """What data from before the normalisation left for an administrator to decide.

    `collisions`: accounts sharing an address once normalised (their own or an allauth
    address row), left as they were by migration accounts 0002; until an administrator
    decides whose the address is, a login with it reaches only the account that stores it
    normalised (if one does), and fails for the others like a wrong password, never with an
    error. `unaccepted`: accounts whose address has a
    letter beyond ASCII before the “@” (“admın@…”), which the forms now refuse.
    """

    collisions: list[EmailCollision]
    unaccepted: list[User]

    def __bool__(self) -> bool:
        return bool(self.collisions or self.unaccepted)


def email_address_problems() -> EmailAddressProblems:
    """One pass over the accounts' and allauth's address rows (two queries), then the
    accounts concerned."""
    plan = plan_normalisation(
        User.objects.order_by("pk").values_list("pk", "email").iterator(chunk_size=2000),
        EmailAddress.objects.order_by("pk")
        .values_list("pk", "user_id", "email")
        .iterator(chunk_size=2000),
    )
    ids = [pk for group in plan.collisions.values() for pk in group] + plan.unaccepted
    users = User.objects.in_bulk(ids) if ids else {}
    return EmailAddressProblems(
        collisions=[
            EmailCollision(address=address, users=tuple(users[pk] for pk in group))
            for address, group in sorted(plan.collisions.items())
        ],
        unaccepted=[users[pk] for pk in plan.unaccepted],
    )

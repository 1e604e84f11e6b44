"""The one normalisation of e-mail addresses: when two addresses are the same account.

Every place that stores, compares or counts an address goes through `normalise_email`:
the `User.email` and allauth's `EmailAddress.email` columns hold it (their unique
constraints are on it), the sign-up, login, password-reset and add-address forms read
what was typed through it before anything else, the login backend, django-axes' lockout
key and allauth's per-address rate limits use it, and so do invitations. An address that
differs from an account's only by case (“LEA@…”, “ß”/“ss”), compatibility forms (the
fullwidth “ＬＥＡ@…”, the long “ſ”, ligatures) or composed/decomposed accents (“é” and
“e” + U+0301) is that account's address.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

# The longest address a mailbox can have (RFC 5321's path, less its angle brackets), and
# the length of the `email` columns.
MAX_LENGTH = 254


def normalise_email(address: str) -> str:
    """The address as the portal stores and compares it: NFKC, then case folding.

    Both apply to the whole address (Django's IDNA encoding of the domain folds it the same
    way, so the mail still reaches the same mailbox). Two steps keep the result a fixed
    point, so that normalising twice changes nothing: NFKC runs again after case folding
    (which may leave decomposed letters), and `lower()` maps the few letters case folding
    turns into capitals (Cherokee) back, as allauth lower-cases what it stores.
    """
    folded = unicodedata.normalize("NFKC", address or "").casefold()
    # Stripped last: NFKC turns some characters into spaces (“´” into a space and an accent).
    return unicodedata.normalize("NFKC", folded).lower().strip()


def validate_local_part(address: str) -> None:
    """Refuses a normalised address whose part before the “@” is not plain ASCII.

    Django's e-mail validator means to accept only ASCII there but lets four letters
    through (“ı”, “İ”, “ſ”, the Kelvin sign “K”). Normalisation turns two of them into
    ASCII; the dotless and the dotted capital i would stay, and PostgreSQL's case-insensitive
    comparison reads “admın” as “admin”: such an address could pass for another's.
    """
    local, _at, _domain = address.rpartition("@")
    if not local.isascii():
        raise ValidationError(EmailValidator.message, code="invalid")


@dataclass
class NormalisationPlan:
    """What normalising stored addresses may change, and what it must leave to a person.

    `users` and `addresses` map the ids of `User` and allauth `EmailAddress` rows to the
    normalised address they can take without meeting another row; `collisions` maps each
    normalised address that several accounts hold to their ids, oldest first. Those
    accounts' rows are left as they are: merging them, or choosing whose the address is,
    is an administrator's decision (`manage.py email_collisions` lists them).
    `unaccepted` lists the accounts whose address `validate_local_part` now refuses: they
    can no longer sign in with it.
    """

    users: dict[int, str] = field(default_factory=dict)
    addresses: dict[int, str] = field(default_factory=dict)
    collisions: dict[str, list[int]] = field(default_factory=dict)
    unaccepted: list[int] = field(default_factory=list)


def plan_normalisation(
    users: Iterable[tuple[int, str]], addresses: Iterable[tuple[int, int, str]] = ()
) -> NormalisationPlan:
    """Reads (id, email) of every account and (id, user id, email) of every allauth
    address row once, and plans their normalisation (`NormalisationPlan`)."""
    owners: dict[str, list[int]] = {}
    stored_users: list[tuple[int, str, str]] = []
    unaccepted: list[int] = []
    for pk, email in users:
        key = normalise_email(email)
        owners.setdefault(key, []).append(pk)
        if key != email:
            stored_users.append((pk, email, key))
        if not key.rpartition("@")[0].isascii():
            unaccepted.append(pk)
    rows_per_key: dict[str, list[tuple[int, str]]] = {}
    for pk, user_id, email in addresses:
        key = normalise_email(email)
        ids = owners.setdefault(key, [])
        if user_id not in ids:
            ids.append(user_id)
        rows_per_key.setdefault(key, []).append((pk, email))
    plan = NormalisationPlan(
        collisions={key: sorted(ids) for key, ids in owners.items() if len(ids) > 1},
        unaccepted=unaccepted,
    )
    plan.users = {pk: key for pk, _email, key in stored_users if key not in plan.collisions}
    for key, rows in rows_per_key.items():
        # One row per address: two rows of one account (“é” composed and not) stay too.
        if key not in plan.collisions and len(rows) == 1 and rows[0][1] != key:
            plan.addresses[rows[0][0]] = key
    return plan

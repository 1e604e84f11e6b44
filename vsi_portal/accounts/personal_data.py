"""What the accounts app holds about a person, and how to export, erase or expire it.

Read by `privacy` (its registry lists this module); nothing here imports privacy. The
account is the root of everything else a person has on the portal, so its erasure runs
last and keeps the row: records the associations must keep point to it.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef, Q, QuerySet

from vsi_portal.formats import iso_or_none

from .models import User

DELETED_FULL_NAME = "Deleted account"


def export(user: User) -> dict[str, Any]:
    """The `account` section of data.json."""
    return {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "preferred_language": user.preferred_language,
            "date_joined": iso_or_none(user.date_joined),
            "last_login": iso_or_none(user.last_login),
        },
    }


def erase(user: User) -> None:
    """Anonymises the account: its e-mail addresses go; the row stays, unusable.

    A unique undeliverable e-mail, the name "Deleted account", an unusable password and
    `is_active=False`: nobody can sign in to it again, and the records that point to it
    (applications, contracts, the audit trail) stay valid.
    """
    EmailAddress.objects.filter(user=user).delete()
    user.email = f"deleted-{uuid.uuid4().hex}@invalid"
    user.full_name = DELETED_FULL_NAME
    user.set_unusable_password()
    user.is_active = False
    user.save(update_fields=["email", "full_name", "password", "is_active"])


# --- Retention ---------------------------------------------------------------------------


def never_verified(*, joined_before: datetime) -> QuerySet[User]:
    """Sign-ups whose address was never verified and that never signed in, joined before
    `joined_before`.

    Only accounts that went through sign-up (they hold an unverified address) and have no
    verified one; never staff or superusers.
    """
    unverified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=False)
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    return (
        User.objects.filter(
            Exists(unverified), date_joined__lt=joined_before, last_login__isnull=True
        )
        .exclude(Exists(verified))
        .filter(is_staff=False, is_superuser=False)
    )


def unused_since(limit: datetime) -> QuerySet[User]:
    """Active accounts, not staff or superusers, nobody signed in to since `limit` (or, never
    signed in to, created before it)."""
    return User.objects.filter(is_active=True, is_staff=False, is_superuser=False).filter(
        Q(last_login__lt=limit) | Q(last_login__isnull=True, date_joined__lt=limit)
    )

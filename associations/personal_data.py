"""What the associations app holds about a person: their places on associations' staff.

Read by `privacy` (its registry lists this module); nothing here imports privacy. A place
on a staff is not erased with the account: the person is asked to leave the staff first,
so that no association loses its last administrator by surprise; and the retention job
leaves staff accounts alone.

The documents of an association's file (its approval decision, its statutes) are the
association's, not the person's who sent them: neither exported nor erased with an account;
`AssociationDocument.uploaded_by` is set to nothing when the account goes.
"""

from __future__ import annotations

from django.db.models import Exists
from django.utils.translation import gettext_lazy as _

from .models import Membership


def erasure_refusal(user) -> str | None:
    """Why the account cannot be erased yet (the person is on a staff), or None."""
    if user.memberships.exists():
        return _(
            "You are on the staff of an association. Ask a colleague to remove you from "
            "its staff, then delete your account."
        )
    return None


def on_a_staff(user) -> Exists:
    """Whether `user` (an account, or `OuterRef("pk")` in a query of accounts) is on the
    staff of an association."""
    return Exists(Membership.objects.filter(user=user))

"""The apps that hold personal data, in the order erasure walks them (after pretix's shredder).

Each app says, in its own `personal_data.py`, what it holds about a person and how to
export or erase it; that module never imports privacy. Privacy imports those modules and
walks them here, so that adding a kind of personal data is one function in the app that
holds it and one line below.

A holder's parts, each optional (`None` when the app has nothing to say):

- `export(user) -> dict`: its sections of data.json, in the order they appear;
- `export_files(user) -> [(name in the zip, file)]`: files that go beside data.json;
- `erasure_refusal(user) -> message | None`: why the account cannot be erased yet;
- `erase(user)`: deletes or anonymises what it holds, inside the erasure's transaction.

The retention job (`services.retention_apply`) does not walk this list: each of its steps
has its own rule, and calls by name the pieces the apps offer for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models.fields.files import FieldFile

from associations import personal_data as associations_data
from missions import personal_data as missions_data
from volunteers import personal_data as volunteers_data
from vsi_portal.accounts import personal_data as accounts_data
from vsi_portal.security import personal_data as security_data


@dataclass(frozen=True)
class Holder:
    """What one app holds about a person, as privacy reads and erases it."""

    app_label: str
    export: Callable[[Any], dict[str, Any]] | None = None
    export_files: Callable[[Any], list[tuple[str, FieldFile]]] | None = None
    erasure_refusal: Callable[[Any], str | None] | None = None
    erase: Callable[[Any], None] | None = None


# The order erasure runs in, from the records that point at the person down to the account:
HOLDERS: tuple[Holder, ...] = (
    # First, before anything is touched: a person on an association's staff is refused.
    Holder("associations", erasure_refusal=associations_data.erasure_refusal),
    # Applications and contracts are found through the volunteer profile: they are
    # withdrawn and anonymised while the profile still links them to the person.
    Holder("missions", export=missions_data.export, erase=missions_data.erase),
    # Then the documents and the profile (its deletion unlinks applications and contracts).
    Holder(
        "volunteers",
        export=volunteers_data.export,
        export_files=volunteers_data.export_files,
        erase=volunteers_data.erase,
    ),
    # The audit trail's rows about the person lose their name and e-mail (it reads both
    # from the account, so before it is anonymised); their login records go.
    Holder("security", erase=security_data.erase),
    # Last, the account itself: kept, anonymised, so that the records above stay valid.
    Holder("accounts", export=accounts_data.export, erase=accounts_data.erase),
)

# The export reads the other way round: the account, what the person told about themselves,
# then what they did (data.json keeps its sections in this order).
EXPORT_ORDER: tuple[Holder, ...] = tuple(reversed(HOLDERS))

# Project apps whose models point at an account but that privacy leaves alone, and why
# (tests/privacy/test_registry.py makes every other such app a holder).
NOT_HOLDERS: dict[str, str] = {
    "notifications": (
        "Notifications, reminders and the notification preference stay with the anonymised "
        "account, which nobody can sign in to any more."
    ),
}

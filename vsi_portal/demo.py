"""Demo data for `manage.py load_demo`: every feature can be seen after `make run`.

Each app adds its part in its own `demo.py` with a `load(*, today, report)`
function; they run here in dependency order. Every step is idempotent (get or
create by a natural key), so the command can run at each `make run`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from allauth.account.models import EmailAddress
from django.db import transaction

from vsi_portal.accounts.models import User

DEMO_PASSWORD = "vsi-demo-2026"  # noqa: S105 - a published demo password, local runs only

APP_DEMOS = [
    "associations.demo",
    "missions.demo",
    "volunteers.demo",
    # Applications and contracts need the demo volunteers.
    "missions.demo_engagements",
    # The demo admin's two-factor device (the admin requires one).
    "vsi_portal.security.demo",
]


@dataclass
class DemoReport:
    """The logins to print, grouped by who they are."""

    logins: list[tuple[str, str, str]] = field(default_factory=list)

    def login(self, role: str, email: str, note: str = "") -> None:
        self.logins.append((role, email, note))


def demo_user(*, email: str, full_name: str, language: str = "fr", is_staff: bool = False) -> User:
    """A verified account with the demo password, created once."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "preferred_language": language,
            "is_staff": is_staff,
            "is_superuser": is_staff,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _app_loaders() -> list[Callable[..., None]]:
    loaders = []
    for module_name in APP_DEMOS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        loaders.append(module.load)
    return loaders


@transaction.atomic
def load_demo(*, today: date) -> DemoReport:
    report = DemoReport()
    demo_user(email="admin@vsi-portal.fr", full_name="Camille Admin", is_staff=True)
    report.login("France Volontaires admin", "admin@vsi-portal.fr", "Django admin at /admin/")
    for load in _app_loaders():
        load(today=today, report=report)
    return report

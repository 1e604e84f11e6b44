from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "vsi_portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # allauth's address rows are stored normalised too (receivers.py); the system
        # check lists accounts whose addresses collide once normalised (checks.py).
        from . import checks, receivers  # noqa: F401

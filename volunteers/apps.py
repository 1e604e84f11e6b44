from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self) -> None:
        from vsi_portal.accounts.login_destinations import register_login_destination

        # A visitor's "Am I eligible?" answers go into the profile made at sign-up.
        from . import receivers  # noqa: F401
        from .login_destination import incomplete_profile_destination

        # After login, an incomplete profile is led to its form.
        register_login_destination(incomplete_profile_destination)

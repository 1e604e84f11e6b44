from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self) -> None:
        # A visitor's "Am I eligible?" answers go into the profile made at sign-up.
        from . import receivers  # noqa: F401

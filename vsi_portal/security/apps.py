from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Two-factor authentication, the audit trail and the privacy page (retention: privacy/)."""

    name = "vsi_portal.security"
    label = "security"
    verbose_name = _("Security and privacy")

    def ready(self) -> None:
        # django-axes announces lockouts with a signal: the one integration point it
        # offers. The receiver only records the event (receivers.py).
        from . import receivers  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    """Every e-mail of the portal: written with the change that causes it, sent once."""

    name = "vsi_portal.outbox"
    label = "outbox"
    verbose_name = _("Outgoing e-mails")
    default_auto_field = "django.db.models.BigAutoField"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Data export, account erasure and the retention job, over what each app says it holds
    (`registry.py`). It has no models: the data stays with the apps that hold it."""

    name = "privacy"
    label = "privacy"
    verbose_name = _("Privacy and your data")

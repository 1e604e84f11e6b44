from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications and reminders")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Each app declares its reminder kinds in a `reminder_kinds.py` module;
        # importing them registers them (see notifications/reminders.py).
        from django.utils.module_loading import autodiscover_modules

        from . import checks  # noqa: F401 - registers the system checks

        autodiscover_modules("reminder_kinds")

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications and reminders")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Each app declares its reminder kinds in a `reminder_kinds` module (or package);
        # importing them registers them (see notifications/reminders.py).
        from django.utils.module_loading import autodiscover_modules

        from . import checks  # noqa: F401 - registers the system checks
        from .tasks import daily_scan_entries

        autodiscover_modules("reminder_kinds")
        # The registry is the one list of kinds: each gets its daily scan here (an entry
        # written in settings under the same name wins, e.g. another hour).
        for name, entry in daily_scan_entries().items():
            settings.CELERY_BEAT_SCHEDULE.setdefault(name, entry)

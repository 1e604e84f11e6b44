from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    name = "missions"
    verbose_name = _("Missions")

    def ready(self) -> None:
        # Django's rule: models and what imports them load once the registry is ready.
        from associations.hooks import on_association_renamed

        from .services.search import reindex_missions_of
        from .tasks import BEAT_ENTRIES

        on_association_renamed(reindex_missions_of)
        # The missions' periodic jobs declared beside their tasks (settings.py's entries of
        # the same name win, e.g. another hour).
        for name, entry in BEAT_ENTRIES.items():
            settings.CELERY_BEAT_SCHEDULE.setdefault(name, entry)

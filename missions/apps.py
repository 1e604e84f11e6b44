from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    name = "missions"
    verbose_name = _("Missions")

    def ready(self) -> None:
        # Django's rule: models and what imports them load once the registry is ready.
        from associations.hooks import on_association_renamed

        from .services.search import reindex_missions_of

        on_association_renamed(reindex_missions_of)

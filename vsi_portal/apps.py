from django.apps import AppConfig


class VsiPortalConfig(AppConfig):
    """The project core: holds the shared templates tags and management commands."""

    name = "vsi_portal"
    verbose_name = "VSI Portal"

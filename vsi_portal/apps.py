from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class VsiPortalConfig(AppConfig):
    """The project core: holds the shared templates tags and management commands."""

    name = "vsi_portal"
    verbose_name = "VSI Portal"
    default = True  # this module also holds the admin's config


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with France Volontaires' site (`vsi_portal.admin.PortalAdminSite`)."""

    default = False
    default_site = "vsi_portal.admin.PortalAdminSite"

from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class VsiPortalConfig(AppConfig):
    """The project core: holds the shared templates tags and management commands."""

    name = "vsi_portal"
    verbose_name = "VSI Portal"
    default = True  # this module also holds the admin's config


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with France Volontaires' site (`vsi_portal.admin.PortalAdminSite`)."""

    default = False
    default_site = "vsi_portal.admin.PortalAdminSite"


class SignInLockoutsConfig(axes_apps.AppConfig):
    """django-axes (failed sign-ins, lockouts) under a name in the admin's language: its
    section was headed "Axes", the library's name (its models are named in French by its
    own catalogue)."""

    default = False
    verbose_name = _("Sign-ins and lockouts")


# The words of django-axes' admin pages that its own French catalogue lacks: listed here so
# that they are in the portal's catalogue, where Django finds them too (it reads every
# catalogue), and the admin is French throughout.
AXES_WORDS_MISSING_IN_FRENCH = (
    gettext_noop("Access Attempt"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Expires At"),
    gettext_noop("Locked Out"),
    gettext_noop("Not set"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("User Agent"),
)

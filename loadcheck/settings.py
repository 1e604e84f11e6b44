"""The project's settings, with the two changes a loopback load check needs.

- allauth limits logins per IP address (30 a minute): real volunteers come from many
  addresses, the load check's 50 come from 127.0.0.1, so that one limit is lifted;
- static files are served without the manifest, so no `collectstatic` is needed.

Everything else (middleware, two-factor, axes, CSP, the database pool) is production's.
"""

from vsi_portal.settings import *  # noqa: F403

ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS, "login": None}  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

"""France Volontaires' admin site: translated titles, and a home that opens on the review
queue.

The home (`index`) shows, before the apps: the associations waiting for review, the
longest waiting first, with their days waiting and whether they were submitted again after
a rejection; the approvals expiring within 90 days; the reported messages nobody handled
yet. The people's groups (Django's "auth" app) are listed in the one accounts section,
beside the people. Installed by `vsi_portal.apps.PortalAdminConfig` in place of Django's
default site.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.selectors import approvals_expiring, review_queue
from missions.models import MessageReport

EXPIRING_WITHIN_DAYS = 90


class PortalAdminSite(admin.AdminSite):
    site_header = _("VSI Portal – France Volontaires")
    site_title = _("VSI Portal")
    index_title = _("Review queue and administration")
    index_template = "admin/portal_index.html"

    def index(self, request, extra_context=None):
        today = timezone.localdate()
        user = request.user
        context = {}
        if user.has_perm("associations.view_association"):
            queue, pending_count = review_queue(today=today)
            context.update(
                review_queue=queue,
                pending_count=pending_count,
                approvals_expiring=list(
                    approvals_expiring(today=today, within_days=EXPIRING_WITHIN_DAYS)
                ),
                expiring_within_days=EXPIRING_WITHIN_DAYS,
            )
        if user.has_perm("missions.view_messagereport"):
            context["reported_messages_count"] = MessageReport.objects.waiting().count()
        return super().index(request, {**context, **(extra_context or {})})

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        accounts = next((app for app in apps if app["app_label"] == "accounts"), None)
        auth = next((app for app in apps if app["app_label"] == "auth"), None)
        if accounts is not None and auth is not None:
            accounts["models"] = sorted(
                accounts["models"] + auth["models"], key=lambda model: str(model["name"])
            )
            apps.remove(auth)
        return apps

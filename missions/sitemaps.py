"""The missions of the sitemap: the ones the public search lists, when each last changed."""

from __future__ import annotations

from django.utils import timezone

from vsi_portal.sitemaps import PortalSitemap

from .selectors.sharing import sitemap_missions


class MissionSitemap(PortalSitemap):
    def items(self):
        return sitemap_missions(today=timezone.localdate())

    def lastmod(self, mission):
        return mission.updated_at

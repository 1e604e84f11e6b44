"""The associations of the sitemap: the approved ones, whose pages everyone may read."""

from __future__ import annotations

from vsi_portal.sitemaps import PortalSitemap

from .models import Association


class AssociationSitemap(PortalSitemap):
    def items(self):
        return Association.objects.approved().only("slug", "updated_at").order_by("pk")

    def lastmod(self, association):
        return association.updated_at

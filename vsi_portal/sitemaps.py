"""The sitemap's common ground (``/sitemap.xml``, Django's sitemaps framework).

Every address is written on ``SITE_URL``, whatever host a request came by. A page has one
address in both languages (the language is the visitor's choice, kept in a cookie, not
in the URL), so each is listed once. The sections: the public entry pages here, the
published missions (``missions/sitemaps.py``) and the approved associations
(``associations/sitemaps.py``), put together by ``vsi_portal/urls.py``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PortalSitemap(Sitemap):
    """A section whose addresses are on ``SITE_URL``."""

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc


class EntryPagesSitemap(PortalSitemap):
    """The home page, the search, the public statistics and the accessibility statement."""

    def items(self) -> list[str]:
        return ["home", "missions:search", "statistics", "accessibility"]

    def location(self, item: str) -> str:
        return reverse(item)

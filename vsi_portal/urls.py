from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.http import require_GET

from associations.sitemaps import AssociationSitemap
from missions.sitemaps import MissionSitemap
from missions.views import dashboards, statistics
from missions.views.exports import national_exports

from . import views
from .sitemaps import EntryPagesSitemap

# /sitemap.xml: the pages search engines may list (each section says which).
SITEMAPS = {
    "pages": EntryPagesSitemap,
    "missions": MissionSitemap,
    "associations": AssociationSitemap,
}

urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("sitemap.xml", require_GET(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("missions/", include("missions.urls")),
    # Public: anyone checks a certificate of completion's code (printed on it).
    path("certificates/", include("missions.certificate_urls")),
    path("associations/", include("associations.urls")),
    path("me/", include("volunteers.urls")),
    path("notifications/", include("notifications.urls")),
    path("", include("vsi_portal.security.urls")),
    # France Volontaires' dashboard: under /admin/, so the admin's two-factor rule holds
    # (vsi_portal/security/middleware.py), and staff only (admin_view).
    path(
        "admin/dashboard/",
        admin.site.admin_view(dashboards.programme_dashboard),
        name="programme_dashboard",
    ),
    path("statistics/", statistics.public_statistics, name="statistics"),
    # France Volontaires' exports of every association, in the admin (its sign-in and
    # two-factor rule; linked from every admin page's header).
    path("admin/exports/", admin.site.admin_view(national_exports), name="national_exports"),
    path("admin/", admin.site.urls),
]

handler400 = "vsi_portal.views.bad_request"
handler403 = "vsi_portal.views.permission_denied"
handler404 = "vsi_portal.views.page_not_found"
handler500 = "vsi_portal.views.server_error"
# Not Django's: allauth answers its rate limits with `<ROOT_URLCONF>.handler429`.
handler429 = "vsi_portal.views.too_many_requests"

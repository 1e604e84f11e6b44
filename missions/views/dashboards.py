"""The dashboards: France Volontaires' (the whole programme, under /admin/ and its
two-factor rule) and each association's (its staff space, its own figures only)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from associations.models import Association

from ..selectors.dashboards import (
    DEPARTURE_DAYS,
    ENDING_DAYS,
    dashboard,
    programme_dashboard_shown,
)


def get_association_for_staff(user, slug: str) -> Association:
    """An association the signed-in person is on the staff of; 404 for anyone else
    (France Volontaires included: its dashboard is the programme's)."""
    association = Association.objects.filter(slug=slug, memberships__user=user).first()
    if association is None:
        raise Http404(_("No association at this address."))
    return association


def _context(figures, **extra) -> dict:
    return {
        "figures": figures,
        "departure_days": DEPARTURE_DAYS,
        "ending_days": ENDING_DAYS,
        **extra,
    }


@require_GET
def programme_dashboard(request: HttpRequest) -> HttpResponse:
    """France Volontaires' dashboard. Routed through ``admin.site.admin_view`` under
    /admin/ (vsi_portal/urls.py): staff only, and the two-factor middleware asks for a
    code (or a device) there as on every admin page."""
    figures = programme_dashboard_shown(today=timezone.localdate())
    return render(request, "missions/dashboard_programme.html", _context(figures))


@require_GET
@login_required
def association_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    association = get_association_for_staff(request.user, slug)
    figures = dashboard(association, today=timezone.localdate())
    return render(
        request,
        "missions/dashboard_association.html",
        _context(figures, association=association),
    )

"""The dashboards on the national dataset: France Volontaires' and an association's.

- France Volontaires' page reads the programme's figures from the shared cache, where the
  beat task puts them every 10 minutes (missions/selectors/dashboards.py): its budget is
  the page as served. The figures computed in full (what the task, or a page after a cache
  miss, takes) are reported beside it.
- An association's page computes its figures on every request: its budget is that, for
  the association with the most missions (the skewed seed makes it the largest by far),
  and a typical one (the median) is reported too.
"""

from __future__ import annotations

import time

from .measure import PageFigures, time_page

PROGRAMME_PATH = "/admin/dashboard/"


def verified_staff_client():
    """A test client for France Volontaires' first admin, two-factor verified (as the admin
    requires), with a device created for it if the seed has none."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from vsi_portal.security.selectors import TWO_FACTOR_SESSION_KEY

    user = get_user_model().objects.filter(is_staff=True).order_by("pk").first()
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="Bench authenticator", defaults={"confirmed": True}
    )
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[TWO_FACTOR_SESSION_KEY] = True
    session.save()
    return client


def associations_measured() -> dict[str, object]:
    """The association with the most missions, and the median one (of those with any)."""
    from django.db.models import Count

    from associations.models import Association

    ranked = list(
        Association.objects.filter(status=Association.Status.APPROVED)
        .annotate(n=Count("missions"))
        .filter(n__gt=0)
        .order_by("-n", "pk")
        .values_list("pk", "n")
    )
    largest, median = ranked[0], ranked[len(ranked) // 2]
    return {
        "largest": Association.objects.get(pk=largest[0]),
        "median": Association.objects.get(pk=median[0]),
    }


def staff_client(association):
    from django.test import Client

    membership = association.memberships.select_related("user").order_by("pk").first()
    client = Client()
    client.force_login(membership.user)
    return client


def measure_dashboards(*, requests: int) -> dict:
    """Every figure of the dashboards' section of the bench, as a dict."""
    from django.core.cache import caches
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from missions.models import Application
    from missions.selectors.dashboards import dashboard, programme_dashboard_refresh

    today = timezone.localdate()
    figures: dict = {}
    # The programme's figures computed in full, once (the beat task's work: seconds).
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        dashboard(None, today=today)
    figures["programme_computed_ms"] = (time.perf_counter() - started) * 1000
    figures["programme_computed_queries"] = len(captured.captured_queries)
    reset_queries()
    # As served: the beat task has put them in the shared cache.
    caches["shared"].clear()
    programme_dashboard_refresh(today=today)
    served: PageFigures = time_page(verified_staff_client(), PROGRAMME_PATH, requests=requests)
    figures["programme_p50_ms"], figures["programme_p95_ms"] = served.p50, served.p95
    figures["programme_queries"] = served.queries
    for key, association in associations_measured().items():
        path = f"/associations/{association.slug}/manage/dashboard/"
        page = time_page(staff_client(association), path, requests=requests)
        figures[f"association_{key}_p50_ms"] = page.p50
        figures[f"association_{key}_p95_ms"] = page.p95
        figures[f"association_{key}_queries"] = page.queries
        figures[f"association_{key}_missions"] = association.missions.count()
        figures[f"association_{key}_applications"] = Application.objects.filter(
            mission__association=association
        ).count()
    return figures


def dashboards_child(*, url: str, requests: int) -> dict:
    """``python -m bench dashboards``: the dashboards' figures only, on ``url``."""
    from . import db

    db.setup_django(url)
    db.flush_bench_cache()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    return measure_dashboards(requests=requests)

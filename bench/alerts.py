"""One morning's saved-search alerts on a bench database: wall time, queries, peak memory.

The portal's own run (``missions.services.search_alerts.search_alerts_send``) over
``SEARCHES`` saved searches (daily and weekly mixed, one in five "missions I can apply
to", filters of the kinds people save), one per volunteer with a complete profile, all
due, whose window holds ``NEW_MISSIONS`` missions published since their last alert: the
newest published missions are dated, for the run, just after the searches' last alert
(their publication times are put back afterwards, so that the database stays the one the
other measures read). E-mails are built and written to the outbox; sending them is the
worker's, measured elsewhere (the outbox rows are deleted afterwards).

``make bench`` runs it on the national database and on the one with a tenth of the
missions (``scan50k``): the ratio of the two says whether the cost follows the searches
and the new missions rather than the missions table.
"""

from __future__ import annotations

import resource
import time
from datetime import date, datetime, timedelta

from . import db

SEARCHES = 10_000
NEW_MISSIONS = 500
PREFIX = "bench alert "
QUERIES = (
    "country=SN",
    "country=MA&domain=health",
    "region=africa",
    "domain=teaching",
    "region=americas&allowance_min=500",
    "",
    "domain=health&duration_max=12",
    "region=asia&sort=newest",
    "country=FR&domain=social",
    "q=eau",
    "language=en",
    "start_from={start}&region=africa",
)


def prepare_searches(*, today: date, searches: int, new_missions: int, now: datetime):
    """Writes the saved searches and dates the new missions; returns what to put back."""
    from missions.models import Mission, SavedSearch
    from missions.search_queries import normalised_query
    from notifications.models import Notification
    from volunteers.models import Volunteer
    from vsi_portal.outbox.models import OutboxMessage

    SavedSearch.objects.filter(name__startswith=PREFIX).delete()
    Notification.objects.filter(kind="search_alert").delete()
    OutboxMessage.objects.filter(kind="missions.search_alert").delete()
    since = now - timedelta(hours=2)
    new = list(
        Mission.objects.open_for_applications(today=today)
        .order_by("-published_at", "pk")
        .values_list("pk", "published_at")[:new_missions]
    )
    for offset, (pk, _published_at) in enumerate(new):
        Mission.objects.filter(pk=pk).update(published_at=since + timedelta(seconds=offset + 1))
    volunteers = list(
        Volunteer.objects.filter(birth_date__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)[:searches]
    )
    start = (today + timedelta(days=120)).isoformat()
    weekly, daily = SavedSearch.Frequency.WEEKLY, SavedSearch.Frequency.DAILY
    SavedSearch.objects.bulk_create(
        [
            SavedSearch(
                volunteer_id=volunteer_id,
                name=f"{PREFIX}{n}",
                query=normalised_query(
                    QUERIES[n % len(QUERIES)].format(start=start), eligible=n % 5 == 0
                ),
                frequency=weekly if n % 2 else daily,
                alerts_since=since,
                last_alert_on=None,
            )
            for n, volunteer_id in enumerate(volunteers)
        ],
        batch_size=2000,
    )
    return new, len(volunteers)


def put_back(new) -> None:
    from missions.models import Mission, SavedSearch
    from notifications.models import Notification
    from vsi_portal.outbox.models import OutboxMessage

    for pk, published_at in new:
        Mission.objects.filter(pk=pk).update(published_at=published_at)
    SavedSearch.objects.filter(name__startswith=PREFIX).delete()
    Notification.objects.filter(kind="search_alert").delete()
    OutboxMessage.objects.filter(kind="missions.search_alert").delete()


def measure_alerts(*, today: date, searches: int = SEARCHES, new_missions: int = NEW_MISSIONS):
    """The alert run's figures on the current database (Django set up)."""
    from django.db import connection
    from django.utils import timezone

    from missions.models import Mission
    from missions.services.search_alerts import search_alerts_send
    from vsi_portal.outbox import services as outbox_services

    now = timezone.make_aware(datetime.combine(today, datetime.min.time())) + timedelta(hours=7)
    new, saved = prepare_searches(
        today=today, searches=searches, new_missions=new_missions, now=now
    )
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    # The worker sends the e-mails; here they stay written in the outbox.
    queue_sending = outbox_services.queue_sending
    outbox_services.queue_sending = lambda pks: None
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    try:
        with connection.execute_wrapper(count):
            run = search_alerts_send(today=today, now=now)
        wall = time.perf_counter() - started
    finally:
        outbox_services.queue_sending = queue_sending
        put_back(new)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "missions": Mission.objects.count(),
        "searches": saved,
        "new_missions": len(new),
        "alerted": sum(count.alerted for count in run.counts.values()),
        "sent": run.sent,
        "failed": run.failed,
        "wall_s": round(wall, 3),
        "queries": queries,
        "peak_rss_mb": round(peak, 1),
        "rss_before_run_mb": round(rss_before, 1),
    }


def alerts_child(*, url: str, today: date) -> dict:
    """Runs in its own process (``python -m bench alerts``): its peak RSS is the run's."""
    db.setup_django(url)
    return measure_alerts(today=today)

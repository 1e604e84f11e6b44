"""One day's reminder scan on a bench database: wall time, SQL queries, peak memory.

The scan is the portal's own engine (``notifications.services.reminders_scan``) on the
"mission ending" kind. When the missions app has not registered that kind yet, a kind with
the same code and the same semantics (60 and 14 days before the planned end of a running
contract, to the volunteer) is registered here through the same registry API, so the
engine is measured either way; the results say which one ran.
"""

from __future__ import annotations

import resource
import time
from datetime import date

from . import db

KIND = "mission_ending"


class DiscardingEmailBackend:
    """Builds every message (MIME, text and HTML) like a real backend would, then drops it."""

    def __init__(self, fail_silently: bool = False, **kwargs) -> None:
        self.fail_silently = fail_silently

    def open(self):
        return False

    def close(self):
        return None

    def send_messages(self, messages) -> int:
        for message in messages:
            message.message().as_bytes()
        return len(messages)


def ensure_kind() -> str:
    """Which implementation of the kind runs: "portal" or "bench"."""
    from notifications.reminders import get_kind, register

    try:
        get_kind(KIND)
        return "portal"
    except LookupError:
        pass
    from notifications.reminders import ReminderKind

    register(
        ReminderKind(
            code=KIND,
            label="Mission ending",
            essential=False,
            offsets=(60, 14),
            due=_bench_mission_ending_due,
            render=_bench_render,
            still_due=_bench_still_due,
        )
    )
    return "bench"


def _bench_mission_ending_due(today: date, lookback_days: int):
    from missions.models import Contract
    from notifications.reminders import Due, date_window_filter, due_date, in_pk_chunks

    contracts = (
        Contract.objects.running()
        .filter(date_window_filter("end_on", today=today, lookback_days=lookback_days,
                                   offsets=(60, 14)))
        .select_related("volunteer__user")
        .only("pk", "end_on", "mission_id", "volunteer__user")
    )  # fmt: skip
    for chunk in in_pk_chunks(contracts):
        for contract in chunk:
            due_on = due_date(
                reference=contract.end_on, today=today, lookback_days=lookback_days,
                offsets=(60, 14),
            )  # fmt: skip
            if due_on is not None and contract.volunteer is not None:
                yield Due(subject=contract, due_on=due_on, recipients=[contract.volunteer.user])


def _bench_still_due(reminder) -> bool:
    contract = reminder.subject
    return contract.status in ("planned", "active") and (
        (contract.end_on - reminder.due_on).days in (60, 14)
    )


def _bench_render(reminder):
    from django.utils.html import format_html

    from notifications.reminders import Rendered

    contract = reminder.subject
    title = f"Your mission ends on {contract.end_on:%d/%m/%Y}"
    text = f"Hello {reminder.recipient.full_name},\n\n{title}.\n"
    html = format_html("<p>Hello {},</p><p>{}.</p>", reminder.recipient.full_name, title)
    return Rendered(title=title, summary=title, text=text, html=html, link="/")


def scan_child(*, url: str, today: date) -> dict:
    """Runs in its own process (``python -m bench scan``): its peak RSS is the scan's."""
    db.setup_django(url)
    from django.conf import settings
    from django.db import connection

    from notifications.models import Notification, Reminder
    from notifications.services import reminders_scan

    settings.EMAIL_BACKEND = "bench.scan.DiscardingEmailBackend"
    implementation = ensure_kind()
    # A previous run's rows would make this one send nothing: start from a clean day.
    Notification.objects.filter(kind=KIND).delete()
    Reminder.objects.filter(kind=KIND).delete()
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    with connection.execute_wrapper(count):
        result = reminders_scan(kind=KIND, today=today)
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM missions_contract")
        contracts = cursor.fetchone()[0]
    return {
        "kind": KIND,
        "implementation": implementation,
        "contracts": contracts,
        "inserted": result.inserted,
        "sent": result.sent,
        "failed": result.failed,
        "wall_s": round(wall, 3),
        "queries": queries,
        "peak_rss_mb": round(peak, 1),
        "rss_before_scan_mb": round(rss_before, 1),
    }

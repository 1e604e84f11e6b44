"""An export of 100,000 contracts on the national bench database: wall time, peak memory.

The portal's own build (``missions.services.exports.export_build``, what the Celery task
runs): France Volontaires asks for every association's contracts as XLSX, then the file is
built in this process (its own, so that its peak RSS is the export's: Django and the
portal loaded, plus the export). The national dataset holds 500,000 contracts and the
budget is for 100,000: the export's rows are cut at the 100,000th contract by primary key
(``export_queryset`` narrowed by one ``pk <=`` filter; columns, keyset chunks, writer,
private storage and notification are the portal's). ``--rows 0`` exports them all.

The file goes to a temporary folder, and the export, its audit event and its notification
are deleted afterwards, so that the database stays the one the other measures read.
"""

from __future__ import annotations

import resource
import tempfile
import time
import uuid

from . import db

ROWS = 100_000
EMAIL = "bench-exports@example.org"


def exports_child(*, url: str, rows: int = ROWS, file_format: str = "xlsx") -> dict:
    """Runs in its own process (``python -m bench exports``): its peak RSS is the export's."""
    db.setup_django(url)
    from django.conf import settings

    with tempfile.TemporaryDirectory(prefix="vsi-bench-exports-") as media:
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": media},
            },
        }
        return measure_export(rows=rows, file_format=file_format)


def measure_export(*, rows: int = ROWS, file_format: str = "xlsx") -> dict:
    """France Volontaires' export of the first ``rows`` contracts (0: all), built by the
    portal; its figures. The export and what it wrote are deleted afterwards."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from missions.models import Contract, Export
    from missions.services import exports as export_services
    from notifications.models import Notification
    from vsi_portal.security.models import AuditEvent

    admin, _created = get_user_model().objects.get_or_create(
        email=EMAIL, defaults={"full_name": "Bench exports", "is_staff": True}
    )
    portal_queryset = export_services.export_queryset
    if rows:
        cutoff = Contract.objects.order_by("pk").values_list("pk", flat=True)[rows - 1 : rows]
        last = cutoff.first()
        if last is not None:
            export_services.export_queryset = lambda export: portal_queryset(export).filter(
                pk__lte=last
            )
    try:
        export, _created = export_services.export_request(
            by=admin,
            kind="contracts",
            file_format=file_format,
            request_key=uuid.uuid4(),
            language="fr",
            every_association=True,
        )
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started, cpu_started = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(count):
            built = export_services.export_build(export_id=export.pk)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    finally:
        export_services.export_queryset = portal_queryset
    size = built.file.size if built and built.file else 0
    status = built.status if built else "not built"
    exported = built.rows if built else 0
    if built and built.file:
        built.file.delete(save=False)
    Export.objects.filter(pk=export.pk).delete()
    AuditEvent.objects.filter(actor=admin).delete()
    Notification.objects.filter(recipient=admin).delete()
    return {
        "format": file_format,
        "status": status,
        "rows": exported,
        "wall_s": round(wall, 3),
        # This process's CPU time: the wall time less the waits (PostgreSQL, a busy machine).
        "cpu_s": round(cpu, 3),
        "rows_per_s": round(exported / wall) if wall else 0,
        "queries": queries,
        "file_mb": round(size / 1024 / 1024, 1),
        "peak_rss_mb": round(peak, 1),
        "rss_before_export_mb": round(rss_before, 1),
    }

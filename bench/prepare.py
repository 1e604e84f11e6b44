"""``python -m bench prepare``: create, migrate and seed one bench database (or reuse it)."""

from __future__ import annotations

import time
from datetime import date

from . import db
from .rows import SIZES


def prepare(*, url: str, size_name: str, rebuild: bool, today: date | None = None) -> dict:
    """Returns the seeding record of the database, seeding it first when needed."""
    meta = db.read_meta(url)
    name = db.database_name(url)
    if meta and meta.get("size") == size_name and not rebuild:
        print(f"{name}: reusing the {size_name} dataset seeded on {meta['today']} "
              f"(in {meta['total_s']:.0f} s); `make bench REBUILD=1` seeds it again.")  # fmt: skip
        db.setup_django(url)
        from django.core.management import call_command

        # Migrations added since the seeding (new tables, indexes) apply to the data as is.
        call_command("migrate", interactive=False, verbosity=1)
        return meta
    print(f"{name}: seeding the {size_name} dataset")
    db.drop_database(url)
    db.create_database(url)
    db.setup_django(url)

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from .seed import seed

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrate_s = round(time.perf_counter() - started, 2)
    print(f"  {'migrate':<18} {'':>10}       {migrate_s:7.1f} s")
    today = today or timezone.localdate()
    with connection.cursor() as cursor:
        # The generated keys are consistent by construction; skipping the per-row foreign
        # key triggers during the load is the usual bulk-load practice (superuser only).
        cursor.execute("SET session_replication_role = replica")
    try:
        report = seed(size=SIZES[size_name], today=today, progress=print)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = DEFAULT")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    analyze_s = round(time.perf_counter() - started, 2)
    print(f"  {'vacuum analyze':<18} {'':>10}       {analyze_s:7.1f} s")
    meta = report.as_json()
    meta["timings"] = {"migrate": migrate_s, **meta["timings"], "vacuum_analyze": analyze_s}
    meta["total_s"] = round(sum(meta["timings"].values()), 1)
    meta["counts"] = report.size.counts()
    db.write_meta(connection, meta)
    print(f"  {'total':<18} {'':>10}       {meta['total_s']:7.1f} s")
    return meta

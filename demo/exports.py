"""A demo export: Solidarité Sahel's administrator has their contracts as XLSX, ready on the
day ``load_demo`` runs (an export is kept 24 hours), so that "My exports" shows one.

Through the missions services, as the staff's button does; the file is built here rather
than by the task. Idempotent: one export per day, found by its request key.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from missions.models import Export
from missions.services.exports import export_build, export_request

from .content import at, backdate_notices

STAFF_EMAIL = "staff@solidarite-sahel.example.org"


def load(*, today: date) -> None:
    user = get_user_model().objects.filter(email=STAFF_EMAIL).first()
    if user is None:  # the associations' demo did not run
        return
    key = uuid.uuid5(uuid.NAMESPACE_URL, f"vsi-demo-export/{STAFF_EMAIL}/{today.isoformat()}")
    export, created = export_request(
        by=user,
        kind=Export.Kind.CONTRACTS,
        file_format=Export.Format.XLSX,
        request_key=key,
        language=user.preferred_language or "fr",
    )
    if not created:
        return
    since = timezone.now()
    export_build(export_id=export.pk)
    # Asked at 8 o'clock that day: kept until 8 o'clock the next (the demo's whole hours).
    asked = at(today, 8)
    Export.objects.filter(pk=export.pk).update(
        requested_at=asked, ready_at=asked, expires_at=asked + timedelta(hours=Export.KEEP_HOURS)
    )
    backdate_notices(since=since, day=today, hour=8)

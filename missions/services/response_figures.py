"""The nightly recording of each association's response figures of the day.

The pages then read one row (``missions.selectors.response.association_response_shown``)
instead of an association's year of applications. Running it again the same day records
the figures anew (one row per association and day); the rows of earlier days go.
"""

from __future__ import annotations

import logging
from datetime import date

from django.db import transaction

from associations.models import Association

from ..models import AssociationResponseDay, Mission
from ..selectors.response import association_response

logger = logging.getLogger(__name__)
BATCH = 500


def response_figures_record(*, today: date) -> int:
    """Records the figures of ``today`` for every association with a mission; returns how
    many associations were recorded."""
    with_missions = Mission.objects.values("association_id")
    associations = Association.objects.filter(pk__in=with_missions).order_by("pk")
    rows: list[AssociationResponseDay] = []
    recorded = 0
    for association in associations.only("pk").iterator(chunk_size=BATCH):
        response = association_response(association, today=today)
        rows.append(
            AssociationResponseDay(
                association=association,
                day=today,
                counted=response.counted,
                answered=response.answered,
                median_days=response.median_days,
            )
        )
        if len(rows) >= BATCH:
            recorded += _save(rows)
            rows = []
    recorded += _save(rows)
    AssociationResponseDay.objects.filter(day__lt=today).delete()
    logger.info("response figures of %s recorded for %d associations", today, recorded)
    return recorded


def _save(rows: list[AssociationResponseDay]) -> int:
    with transaction.atomic():
        AssociationResponseDay.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["association", "day"],
            update_fields=["counted", "answered", "median_days"],
        )
    return len(rows)

"""Reads of a volunteer's saved searches, scoped to their owner."""

from __future__ import annotations

from django.db.models import Max, QuerySet

from volunteers.models import Volunteer

from ..models import SavedSearch


def saved_searches_of(volunteer: Volunteer | None) -> QuerySet[SavedSearch]:
    """The volunteer's saved searches by name, each with when its last alert went."""
    return SavedSearch.objects.of_volunteer(volunteer).annotate(last_sent_at=Max("alerts__sent_at"))


def saved_search_for_user(user, pk: int) -> SavedSearch | None:
    """The saved search ``pk`` when it is the signed-in person's, else None."""
    if not user.is_authenticated:
        return None
    return (
        SavedSearch.objects.select_related("volunteer").filter(pk=pk, volunteer__user=user).first()
    )

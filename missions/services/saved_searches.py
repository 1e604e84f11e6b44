"""Every write of a volunteer's saved searches: save, rename, set the alert, delete, and
the one-click unsubscribe of an alert's link (which names its searches: no account)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from volunteers.models import Volunteer

from ..errors import SavedSearchError
from ..models import SavedSearch
from ..models.saved_searches import MAX_SAVED_SEARCHES

Frequency = SavedSearch.Frequency


def _check_owner(saved_search: SavedSearch, by) -> None:
    if saved_search.volunteer.user_id != by.pk:
        raise SavedSearchError(_("This saved search is not yours."))


def _check_frequency(frequency: str) -> None:
    if frequency not in Frequency.values:
        raise SavedSearchError(_("Choose how often to receive the alert."))


def _name_taken() -> SavedSearchError:
    return SavedSearchError(_("You already have a saved search of that name."))


@transaction.atomic
def saved_search_create(
    *, volunteer: Volunteer, name: str, query: str, frequency: str = Frequency.WEEKLY, by
) -> SavedSearch:
    """Keeps the search (``query``: ``missions.search_queries.normalised_query``) under a
    name; its first alert lists the missions published from now on."""
    if volunteer.user_id != by.pk:
        raise SavedSearchError(_("This profile is not yours."))
    _check_frequency(frequency)
    name = " ".join(name.split())
    if not name:
        raise SavedSearchError(_("Give the search a name."))
    Volunteer.objects.select_for_update().filter(pk=volunteer.pk).first()  # one save at a time
    if SavedSearch.objects.filter(volunteer=volunteer).count() >= MAX_SAVED_SEARCHES:
        raise SavedSearchError(
            _("You can keep at most %(count)s saved searches: delete one first.")
            % {"count": MAX_SAVED_SEARCHES}
        )
    if SavedSearch.objects.filter(volunteer=volunteer, name=name).exists():
        raise _name_taken()
    now = timezone.now()
    return SavedSearch.objects.create(
        volunteer=volunteer,
        name=name,
        query=query,
        frequency=frequency,
        alerts_since=now,
        created_at=now,
    )


@transaction.atomic
def saved_search_update(*, saved_search: SavedSearch, name: str, frequency: str, by) -> SavedSearch:
    """Renames the search and sets its alert. Turning an alert back on starts from now:
    the missions published while it was off are not sent all at once."""
    _check_owner(saved_search, by)
    _check_frequency(frequency)
    name = " ".join(name.split())
    if not name:
        raise SavedSearchError(_("Give the search a name."))
    fields = ["name", "frequency"]
    if saved_search.frequency == Frequency.NONE and frequency != Frequency.NONE:
        saved_search.alerts_since = timezone.now()
        fields.append("alerts_since")
    saved_search.name, saved_search.frequency = name, frequency
    try:
        with transaction.atomic():
            saved_search.save(update_fields=fields)
    except IntegrityError:
        raise _name_taken() from None
    return saved_search


@transaction.atomic
def saved_search_delete(*, saved_search: SavedSearch, by) -> None:
    _check_owner(saved_search, by)
    saved_search.delete()


@transaction.atomic
def saved_searches_unsubscribe(*, volunteer_id: int, saved_search_ids) -> int:
    """Stops the alerts of the searches an unsubscribe link names (those of its volunteer
    only); how many were still on (0: already done, or deleted since)."""
    return (
        SavedSearch.objects.filter(volunteer_id=volunteer_id, pk__in=list(saved_search_ids))
        .exclude(frequency=Frequency.NONE)
        .update(frequency=Frequency.NONE)
    )

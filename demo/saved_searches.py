"""Demo saved searches (``data/saved_searches.toml``), their alerts due on the day
``load_demo`` runs.

Each search is saved through the missions services, as the volunteer would from the
search page; its previous alert is then dated in the past (the demo writes those
timestamps itself): the missions published since are new, so that the day's
``send_search_alerts`` sends them. Idempotent: found by (volunteer, name).
"""

from __future__ import annotations

from datetime import date, timedelta

from missions.models import SavedSearch
from missions.search_queries import normalised_query
from missions.services.saved_searches import saved_search_create
from volunteers.models import Volunteer

from .content import at, read


def load(*, today: date) -> None:
    for spec in read("saved_searches")["search"]:
        volunteer = Volunteer.objects.filter(user__email=spec["email"]).first()
        if volunteer is None:  # the volunteers' demo did not run
            continue
        if SavedSearch.objects.filter(volunteer=volunteer, name=spec["name"]).exists():
            continue
        search = saved_search_create(
            volunteer=volunteer,
            name=spec["name"],
            query=normalised_query(spec["query"], eligible=spec["eligible"]),
            frequency=spec["frequency"],
            by=volunteer.user,
        )
        last_alert = today - timedelta(days=spec["last_alert_days_ago"])
        SavedSearch.objects.filter(pk=search.pk).update(
            created_at=at(last_alert - timedelta(days=1)),
            alerts_since=at(last_alert, 7),
            last_alert_on=last_alert,
        )

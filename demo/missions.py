"""Demo missions (``data/missions.toml``): dozens published across continents and domains,
some drafts, some closed.

Each mission is created, published and closed by its association's admin through the
missions services, on the day it was published, so the services' checks hold (approval,
dates, allowance) and the search columns are filled. Runs after ``associations.load``
and before any suspension. Idempotent: found by slug.
"""

from __future__ import annotations

from datetime import date, timedelta

from associations.models import Association
from missions.models import Language, Mission
from missions.services.missions import mission_close, mission_create, mission_publish
from vsi_portal.entitlements import add_months

from .associations import association_admin
from .content import at, read

Status = Mission.Status
LATEST_DEADLINE_BEFORE_START = 30  # days
EARLIEST_DEADLINE_AFTER_TODAY = 15  # days, for a mission starting soon


def application_deadline(start: date, *, today: date) -> date:
    """A month before the start, or two weeks from today for a mission starting sooner."""
    starts_in = (start - today).days
    return start - timedelta(
        days=min(LATEST_DEADLINE_BEFORE_START, starts_in - EARLIEST_DEADLINE_AFTER_TODAY)
    )


def mission_in_demo(
    *,
    association: Association,
    by,
    slug: str,
    values: dict,
    languages: list[str],
    created_on: date,
    publish: bool,
) -> Mission:
    """A mission created on ``created_on`` through the services, and published that day."""
    mission = mission_create(
        association=association,
        by=by,
        data=values,
        languages=Language.objects.filter(code__in=languages),
        today=created_on,
    )
    # The service derives the slug from the title; the demo's own slugs are its natural keys.
    Mission.objects.filter(pk=mission.pk).update(slug=slug)
    if publish:
        mission_publish(mission=mission, by=by, today=created_on)
        # The service dates the publication now; the demo's happened on that day.
        Mission.objects.filter(pk=mission.pk).update(published_at=at(created_on, 9))
    mission.refresh_from_db()
    return mission


def load(*, today: date) -> None:
    content = read("missions")
    admins: dict[str, tuple[Association, object] | None] = {}
    for spec in content["mission"]:
        if Mission.objects.filter(slug=spec["slug"]).exists():
            continue
        slug = spec["association"]
        if slug not in admins:
            association = Association.objects.filter(slug=slug).first()
            admins[slug] = (association, association_admin(association)) if association else None
        if admins[slug] is None:  # the associations' demo did not run
            continue
        association, admin = admins[slug]
        start = today + timedelta(days=spec["start_in_days"])
        description = content["description"][spec.get("language", "fr")].format(
            summary=spec["summary"], association=association.name
        )
        values = {
            "title": spec["title"],
            "summary": spec["summary"],
            "description": description,
            "domain": spec["domain"],
            "country": spec["country"],
            "place": spec["place"],
            "start_on": start,
            "end_on": add_months(start, spec["months"]) - timedelta(days=1),
            "allowance_eur": spec["allowance_eur"],
            "places": spec["places"],
            "application_deadline": application_deadline(start, today=today),
            "skills": spec["skills"],
            "min_age": association.min_volunteer_age,
        }
        publish = spec["status"] != Status.DRAFT
        mission = mission_in_demo(
            association=association,
            by=admin,
            slug=spec["slug"],
            values=values,
            languages=spec["languages"],
            created_on=today - timedelta(days=spec.get("published_days_ago", 0)),
            publish=publish,
        )
        if spec["status"] == Status.CLOSED:
            mission_close(mission=mission, by=admin)

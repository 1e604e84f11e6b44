"""Demo volunteers (``data/volunteers.toml``): complete and incomplete profiles, prior
missions, a leave, a CV, saved missions.

Each profile is filled in, and its prior missions and CV added, through the volunteers
services, as the volunteer would from their pages. Idempotent: accounts by e-mail,
profiles by user, prior missions by (volunteer, start), the CV only when none was sent.
"""

from __future__ import annotations

from datetime import date, timedelta

from missions.models import Mission
from missions.services.missions import mission_save
from volunteers.models import Document, PriorMission, Volunteer
from volunteers.services import document_upload, prior_mission_create, volunteer_update_profile
from vsi_portal.accounts.models import User
from vsi_portal.entitlements import add_months

from .accounts import DemoReport, demo_user
from .content import read
from .pdf import pdf_upload


def profile_data(profile: dict, *, today: date) -> dict:
    """The profile form's facts, from a data file's profile (its dates relative to today)."""
    data = dict(profile)
    if "age_years" in data:
        data["birth_date"] = add_months(today, -12 * data.pop("age_years")) - timedelta(
            days=data.pop("age_extra_days", 0)
        )
    if "available_in_days" in data:
        data["available_from"] = today + timedelta(days=data.pop("available_in_days"))
    if "leave_starts_in_days" in data:
        leave_start = today + timedelta(days=data.pop("leave_starts_in_days"))
        data["leave_start"] = leave_start
        data["leave_end"] = add_months(leave_start, data.pop("leave_months")) - timedelta(days=1)
    data.setdefault("languages", [])
    return data


def volunteer_in_demo(user: User, profile: dict, *, today: date) -> Volunteer:
    """The user's volunteer profile, filled in once."""
    volunteer = Volunteer.objects.filter(user=user).first()
    if volunteer is None:
        volunteer = volunteer_update_profile(user=user, data=profile_data(profile, today=today))
    return volunteer


def prior_missions_in_demo(volunteer: Volunteer, missions: list[dict], *, today: date) -> None:
    for prior in missions:
        start = add_months(today, -prior["start_months_ago"])
        if PriorMission.objects.filter(volunteer=volunteer, start_on=start).exists():
            continue
        prior_mission_create(
            volunteer=volunteer,
            association_name=prior["association_name"],
            country=prior["country"],
            start_on=start,
            end_on=add_months(start, prior["months"]) - timedelta(days=1),
        )


def _cv(volunteer: Volunteer, cv: dict) -> None:
    if Document.objects.filter(volunteer=volunteer, kind=Document.Kind.CV).exists():
        return
    document_upload(
        volunteer=volunteer,
        kind=Document.Kind.CV,
        upload=pdf_upload(cv["file_name"], cv["lines"]),
    )


def _save_missions(volunteer: Volunteer, slugs: list[str]) -> None:
    """Saves the missions still public (saving one twice keeps one entry)."""
    for mission in Mission.objects.published().filter(slug__in=slugs).order_by("pk"):
        mission_save(mission=mission, volunteer=volunteer)


def load(*, today: date, report: DemoReport) -> None:
    for spec in read("volunteers")["volunteer"]:
        user = demo_user(email=spec["email"], full_name=spec["name"], language=spec["language"])
        volunteer = volunteer_in_demo(user, spec["profile"], today=today)
        prior_missions_in_demo(volunteer, spec.get("prior_missions", []), today=today)
        if "cv" in spec:
            _cv(volunteer, spec["cv"])
        _save_missions(volunteer, spec.get("saved_missions", []))
        report.login(spec["login"], spec["email"], spec.get("note", ""))

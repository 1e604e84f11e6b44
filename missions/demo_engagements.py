"""Demo applications and contracts: every status and state, dated from the day of the load.

Runs after ``volunteers/demo.py`` (``APP_DEMOS`` in ``vsi_portal/demo.py``): it uses the
demo volunteers (found by e-mail) and missions (found by slug), and adds a few volunteers
of its own for the contracts already under way or ended, on missions of Terres d'Afrique
that started in the past. Rows are written directly, like seed data (the services refuse a
contract starting in the past, rightly); each application gets the history the services
would have written. Idempotent: missions by slug, volunteers by e-mail, applications by
(volunteer, mission), contracts by application.

Dates follow ``today`` so that on the day of ``make run`` the reminders fall due: the
departure prerequisites (30 days before a start), the mission ending (60 and 14 days
before an end), the end-of-mission aids (the day after an end).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from associations.models import Association, Membership
from volunteers.models import Document, Volunteer
from vsi_portal.demo import DemoReport, demo_user
from vsi_portal.entitlements import add_months, earliest_end_after_notice

from .models import Application, ApplicationEvent, Contract, Mission
from .services.search import missions_reindex

AFRICA = "terres-d-afrique"

S, SL, A, R, W = (
    Application.Status.SUBMITTED,
    Application.Status.SHORTLISTED,
    Application.Status.ACCEPTED,
    Application.Status.REJECTED,
    Application.Status.WITHDRAWN,
)

# Applications of the demo volunteers to published demo missions:
# volunteer e-mail, mission slug, status, reason, message, days ago.
APPLICATIONS = [
    (
        "lea.martin@example.org",
        "sante-scolaire-cotonou",
        S,
        "",
        "",
        2,
    ),
    ("lea.martin@example.org", "enseignant-francais-thies", SL, "", "", 9),
    ("chloe.petit@example.org", "entrepreneuriat-lome", S, "", "", 1),
    (
        "jonas.weber@example.org",
        "foret-yaounde",
        R,
        "languages",
        "Merci pour votre candidature. La mission demande un très bon niveau de français écrit.",
        12,
    ),
    ("awa.diop@example.org", "cooperatives-maraicheres-bobo", W, "other_mission", "", 6),
]

MOTIVATIONS = {
    "fr": (
        "Je souhaite mettre mes compétences au service de ce projet et apprendre auprès des "
        "équipes locales. Je suis disponible pour toute la durée de la mission."
    ),
    "en": (
        "I would like to put my skills at the service of this project and learn from the "
        "local teams. I am available for the whole mission."
    ),
}

# Contracts, each on a mission of its own (Terres d'Afrique): the volunteer (e-mail, name,
# language, nationality), the mission (slug, title, country, place), and the dates.
# ``start``/``end`` are functions of today; ``state`` is the contract's status.


def _contract_specs(today: date) -> list[dict]:
    def year_ending(end: date) -> date:
        return add_months(end + timedelta(days=1), -12)

    ends_14 = today + timedelta(days=14)
    ends_60 = today + timedelta(days=60)
    yesterday = today - timedelta(days=1)
    early_start = add_months(today, -8)
    notice = add_months(today, -2)
    return [
        {
            "email": "youssef.benali@example.org",
            "slug": "appui-comptable-mutuelles-antsirabe",
            "title": "Appui comptable aux mutuelles d'épargne",
            "country": "MG",
            "place": "Antsirabe",
            "start": today + timedelta(days=30),
            "end": add_months(today + timedelta(days=30), 12) - timedelta(days=1),
            "state": Contract.Status.PLANNED,
            "checklist": False,
        },
        {
            "email": "sarah.lemoine@example.org",
            "name": "Sarah Lemoine",
            "slug": "animation-jeunesse-bamako",
            "title": "Animation d'un centre de jeunes",
            "country": "ML",
            "place": "Bamako",
            "start": today,
            "end": add_months(today, 12) - timedelta(days=1),
            "state": Contract.Status.PLANNED,
            "checklist": True,
        },
        {
            "email": "thomas.moreau@example.org",
            "name": "Thomas Moreau",
            "slug": "reboisement-bertoua",
            "title": "Reboisement et pépinières villageoises",
            "country": "CM",
            "place": "Bertoua",
            "start": year_ending(ends_14),
            "end": ends_14,
            "state": Contract.Status.ACTIVE,
            "checklist": True,
        },
        {
            "email": "manon.dubois@example.org",
            "name": "Manon Dubois",
            "slug": "sante-maternelle-parakou",
            "title": "Santé maternelle en centres de santé",
            "country": "BJ",
            "place": "Parakou",
            "start": year_ending(ends_60),
            "end": ends_60,
            "state": Contract.Status.ACTIVE,
            "checklist": True,
        },
        {
            "email": "julien.faure@example.org",
            "name": "Julien Faure",
            "language": "en",
            "slug": "radio-communautaire-kara",
            "title": "Radio communautaire et éducation aux médias",
            "country": "TG",
            "place": "Kara",
            "start": year_ending(today),
            "end": today,
            "state": Contract.Status.ACTIVE,
            "checklist": True,
        },
        {
            "email": "ines.garcia@example.org",
            "name": "Inès Garcia",
            "slug": "alphabetisation-kindia",
            "title": "Alphabétisation des adultes",
            "country": "GN",
            "place": "Kindia",
            "start": year_ending(yesterday),
            "end": yesterday,
            "state": Contract.Status.COMPLETED,
            "checklist": True,
        },
        {
            "email": "malik.traore@example.org",
            "name": "Malik Traoré",
            "slug": "irrigation-tahoua",
            "title": "Petite irrigation et maraîchage",
            "country": "NE",
            "place": "Tahoua",
            "start": early_start,
            "end": add_months(early_start, 12) - timedelta(days=1),
            "state": Contract.Status.ENDED_EARLY,
            "checklist": True,
            "notice": notice,
            "ended_on": earliest_end_after_notice(notice),
        },
    ]


def _aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _volunteer(email: str, *, name: str = "", language: str = "fr") -> Volunteer | None:
    """A demo volunteer: one of volunteers/demo.py's, or a complete profile of this demo's."""
    volunteer = Volunteer.objects.filter(user__email=email).first()
    if volunteer is not None or not name:
        return volunteer
    user = demo_user(email=email, full_name=name, language=language)
    volunteer, _created = Volunteer.objects.get_or_create(
        user=user,
        defaults={
            "birth_date": date(1994, 4, 18),
            "nationalities": ["FR"],
            "residence": "FR",
            "skills": "Animation\nGestion de projet",
            "presentation": "Volontaire de solidarité internationale.",
        },
    )
    return volunteer


def _mission(spec: dict, association: Association, today: date) -> Mission:
    mission, created = Mission.objects.get_or_create(
        slug=spec["slug"],
        defaults={
            "association": association,
            "title": spec["title"],
            "summary": f"{spec['title']} à {spec['place']}.",
            "description": (
                f"{spec['title']} avec les partenaires locaux de {association.name} "
                f"à {spec['place']}."
            ),
            "domain": "development",
            "country": spec["country"],
            "place": spec["place"],
            "start_on": spec["start"],
            "end_on": spec["end"],
            "allowance_eur": 500,
            "places": 1,
            "application_deadline": min(spec["start"], today) - timedelta(days=30),
            "min_age": association.min_volunteer_age,
            # Its only place is filled: closed, readable by its link.
            "status": Mission.Status.CLOSED,
            "published_at": _aware(spec["start"] - timedelta(days=90)),
            "closed_at": _aware(spec["start"] - timedelta(days=40)),
        },
    )
    if created:
        mission.languages.set(["fr"])
        missions_reindex(missions=[mission])
    return mission


def _application(
    volunteer: Volunteer,
    mission: Mission,
    *,
    status: str,
    submitted: datetime,
    staff,
    reason: str = "",
    message: str = "",
) -> Application:
    application = Application.objects.filter(volunteer=volunteer, mission=mission).first()
    if application is not None:
        return application
    language = "en" if volunteer.user.preferred_language == "en" else "fr"
    decided = submitted + timedelta(days=3)
    application = Application.objects.create(
        mission=mission,
        volunteer=volunteer,
        motivation=MOTIVATIONS[language],
        status=status,
        rejection_reason=reason if status == R else "",
        withdrawal_reason=reason if status == W else "",
        message=message if status == R else "",
        submitted_at=submitted,
        decided_at=decided if status in (A, R, W) else None,
    )
    events = [("", S, volunteer.user, submitted, "", "")]
    if status == SL:
        events.append((S, SL, staff, decided, "", ""))
    elif status == A:
        events += [(S, SL, staff, submitted + timedelta(days=1), "", "")]
        events += [(SL, A, staff, decided, "", "")]
    elif status == R:
        events.append((S, R, staff, decided, reason, message))
    elif status == W:
        events.append((S, W, volunteer.user, decided, reason, message))
    ApplicationEvent.objects.bulk_create(
        ApplicationEvent(
            application=application,
            from_status=from_status,
            to_status=to_status,
            by=by,
            at=at,
            reason=event_reason,
            message=event_message,
        )
        for from_status, to_status, by, at, event_reason, event_message in events
    )
    return application


def _criminal_record(volunteer: Volunteer) -> None:
    """An extract waiting for the staff's check (the planned departure's checklist)."""
    from volunteers.demo import sample_pdf
    from volunteers.services import document_upload

    if Document.objects.filter(volunteer=volunteer, kind=Document.Kind.CRIMINAL_RECORD).exists():
        return
    document_upload(
        volunteer=volunteer,
        kind=Document.Kind.CRIMINAL_RECORD,
        upload=SimpleUploadedFile(
            "extrait-casier-judiciaire.pdf",
            sample_pdf("Bulletin n. 3 du casier judiciaire", "Neant"),
            content_type="application/pdf",
        ),
    )


def _contract(spec: dict, application: Application, staff, today: date) -> Contract:
    existing = Contract.objects.filter(application=application).first()
    if existing is not None:
        return existing
    start, end, state = spec["start"], spec["end"], spec["state"]
    values = {
        "application": application,
        "mission": application.mission,
        "association": application.mission.association,
        "volunteer": application.volunteer,
        "country": spec["country"],
        "start_on": start,
        "end_on": end,
        "allowance_eur": application.mission.allowance_eur,
        "status": state,
        "signed_at": _aware(min(start, today) - timedelta(days=45)),
        "signed_by": staff,
    }
    if spec["checklist"]:
        values |= {
            "criminal_record_checked_on": min(start, today) - timedelta(days=40),
            "criminal_record_checked_by": staff,
            "criminal_record_outcome": Contract.CriminalRecordOutcome.CLEAR,
            "social_security_affiliated_on": start - timedelta(days=7),
            "insurance_reference": f"MSH-{spec['country']}-{start:%Y}-0{len(spec['slug'])}",
            "training_completed_on": min(start, today) - timedelta(days=20),
        }
    if state in (Contract.Status.ACTIVE, Contract.Status.COMPLETED, Contract.Status.ENDED_EARLY):
        values["activated_at"] = _aware(start)
    if state == Contract.Status.ENDED_EARLY:
        values |= {
            "notice_given_on": spec["notice"],
            "ended_on": spec["ended_on"],
            "ended_by": staff,
            "end_reason": Contract.EndReason.VOLUNTEER_HEALTH,
            "end_explanation": "Rapatriement pour raison de santé, sur avis médical.",
            "compelling_reason": True,
        }
    contract = Contract.objects.create(**values)
    if state in (Contract.Status.COMPLETED, Contract.Status.ENDED_EARLY):
        issued = spec.get("ended_on") or end
        contract.certificate_issued_at = _aware(min(issued + timedelta(days=1), today), 9)
        contract.certificate_number = f"VSI-{issued:%Y}-{contract.pk:06d}"
        contract.save(update_fields=["certificate_issued_at", "certificate_number"])
    return contract


def load(*, today: date, report: DemoReport) -> None:
    # Applications in every status, to published demo missions.
    for email, slug, status, reason, message, days_ago in APPLICATIONS:
        volunteer = _volunteer(email)
        mission = Mission.objects.filter(slug=slug).select_related("association").first()
        if volunteer is None or mission is None:  # volunteers/ or missions/ demo did not run
            continue
        staff = (
            Membership.objects.filter(association=mission.association)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        _application(
            volunteer,
            mission,
            status=status,
            submitted=_aware(today - timedelta(days=days_ago)),
            staff=staff.user if staff else None,
            reason=reason,
            message=message,
        )

    # Contracts in every state, each from an accepted application.
    association = Association.objects.filter(slug=AFRICA).first()
    if association is None:
        return
    membership = Membership.objects.filter(association=association).order_by("pk").first()
    staff = membership.user if membership else None
    for spec in _contract_specs(today):
        volunteer = _volunteer(
            spec["email"], name=spec.get("name", ""), language=spec.get("language", "fr")
        )
        if volunteer is None:
            continue
        mission = _mission(spec, association, today)
        application = _application(
            volunteer,
            mission,
            status=A,
            submitted=_aware(min(spec["start"], today) - timedelta(days=75)),
            staff=staff,
        )
        _contract(spec, application, staff, today)
        if not spec["checklist"]:
            _criminal_record(volunteer)
        if "name" in spec:
            report.login(
                f"Volunteer: contract {spec['state']}",
                spec["email"],
                f"{spec['title']} ({spec['country']}), ends {spec.get('ended_on') or spec['end']}",
            )

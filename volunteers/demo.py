"""Demo volunteers: complete and incomplete profiles, prior missions, a leave, a CV.

Idempotent: accounts by e-mail, profiles by user, prior missions by (volunteer, start),
the CV only when none was sent yet.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from vsi_portal.demo import demo_user
from vsi_portal.entitlements import add_months

from . import services
from .models import Document, PriorMission, Volunteer


def sample_pdf(*lines: str) -> bytes:
    """A small, valid one-page PDF showing `lines` (ASCII), with a correct cross-reference."""
    text = " T* ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj"
        for line in lines
    )
    stream = f"BT /F1 14 Tf 16 TL 72 760 Td {text} ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _years_ago(today: date, years: int, days: int = 0) -> date:
    return add_months(today, -12 * years) - timedelta(days=days)


def _profile(email: str, full_name: str, language: str = "fr", **facts) -> Volunteer:
    user = demo_user(email=email, full_name=full_name, language=language)
    languages = facts.pop("languages", [])
    volunteer, created = Volunteer.objects.get_or_create(user=user)
    if created:
        volunteer = services.volunteer_update_profile(
            user=user, data={**facts, "languages": languages}
        )
    return volunteer


def _save_missions(volunteer: Volunteer, *, countries: tuple[str, ...], limit: int = 2) -> None:
    """Saves a few published missions in the volunteer's countries of interest."""
    from missions.models import Mission
    from missions.services.missions import mission_save

    for mission in Mission.objects.published().filter(country__in=countries)[:limit]:
        mission_save(mission=mission, volunteer=volunteer)


def load(*, today: date, report) -> None:
    common = {
        "skills": "Animation d'ateliers\nGestion de projet\nPremiers secours",
        "presentation": "Motivée par l'éducation et le partage, je cherche une mission d'un an.",
    }
    lea = _profile(
        "lea.martin@example.org",
        "Léa Martin",
        birth_date=date(1996, 3, 14),
        nationalities=["FR"],
        residence="FR",
        languages=["fr", "en", "es"],
        domains_of_interest=["teaching", "childhood"],
        countries_of_interest=["SN", "BJ", "PE"],
        available_from=today + timedelta(days=60),
        **common,
    )
    if not Document.objects.filter(volunteer=lea, kind=Document.Kind.CV).exists():
        services.document_upload(
            volunteer=lea,
            kind=Document.Kind.CV,
            upload=SimpleUploadedFile(
                "CV Léa Martin.pdf",
                sample_pdf("Lea Martin - CV", "Teacher, 5 years", "French, English, Spanish"),
                content_type="application/pdf",
            ),
        )
    _save_missions(lea, countries=("SN", "BJ", "PE"))
    report.login("Volunteer: complete profile, CV sent", "lea.martin@example.org", "French")

    _profile(
        "awa.diop@example.org",
        "Awa Diop",
        birth_date=date(1993, 11, 2),
        nationalities=["SN"],
        residence="SN",
        languages=["fr", "ff"],
        domains_of_interest=["health", "water"],
        countries_of_interest=["FR", "BF"],
        available_from=today + timedelta(days=30),
        skills="Infirmière diplômée d'État\nSanté communautaire",
        presentation="Infirmière à Thiès, je veux partager mon expérience en santé communautaire.",
    )
    report.login("Volunteer: Senegalese living in Senegal", "awa.diop@example.org")

    _profile(
        "youssef.benali@example.org",
        "Youssef Benali",
        birth_date=date(1990, 6, 21),
        nationalities=["MA"],
        residence="FR",
        languages=["ar", "fr", "en"],
        domains_of_interest=["economy", "project_management"],
        countries_of_interest=["MG", "KH"],
        available_from=today + timedelta(days=90),
        skills="Microfinance\nComptabilité",
        presentation="Comptable, je veux aider des projets de microfinance.",
    )
    report.login("Volunteer: Moroccan living in France", "youssef.benali@example.org")

    _profile(
        "jonas.weber@example.org",
        "Jonas Weber",
        language="en",
        birth_date=date(1998, 1, 30),
        nationalities=["DE"],
        residence="DE",
        languages=["de", "en", "fr"],
        domains_of_interest=["environment", "agriculture"],
        countries_of_interest=["PE", "BO"],
        available_from=today + timedelta(days=45),
        skills="Agroforestry\nGIS mapping",
        presentation="Environmental engineer looking for a reforestation project.",
    )
    report.login("Volunteer: German living in Germany", "jonas.weber@example.org", "English")

    _profile(
        "chloe.petit@example.org",
        "Chloé Petit",
        birth_date=_years_ago(today, 19, days=40),
        nationalities=["FR"],
        residence="FR",
        languages=["fr", "en"],
        domains_of_interest=["childhood", "culture"],
        countries_of_interest=["TG"],
        available_from=today + timedelta(days=30),
        skills="Animation (BAFA)\nThéâtre",
        presentation="Titulaire du BAFA, j'aimerais animer des ateliers pour enfants.",
    )
    report.login("Volunteer: 19 years old", "chloe.petit@example.org")

    _profile("hugo.bernard@example.org", "Hugo Bernard", residence="FR")
    report.login(
        "Volunteer: incomplete profile",
        "hugo.bernard@example.org",
        "no birth date or nationality yet: fill them in, then send a CV",
    )

    sophie = _profile(
        "sophie.laurent@example.org",
        "Sophie Laurent",
        birth_date=date(1985, 9, 5),
        nationalities=["FR", "CA"],
        residence="FR",
        languages=["fr", "en", "pt"],
        domains_of_interest=["development", "project_management"],
        countries_of_interest=["BR", "MZ"],
        available_from=today + timedelta(days=120),
        skills="Coordination de projets\nDéveloppement rural",
        presentation="Deux missions de VSI derrière moi, je cherche une dernière mission.",
    )
    first_start = _years_ago(today, 8)
    second_start = add_months(first_start, 26)
    for association_name, country, start in (
        ("Agir ensemble pour le Sahel", "BF", first_start),
        ("Solidarité Brésil", "BR", second_start),
    ):
        if not PriorMission.objects.filter(volunteer=sophie, start_on=start).exists():
            services.prior_mission_create(
                volunteer=sophie,
                association_name=association_name,
                country=country,
                start_on=start,
                end_on=add_months(start, 24) - timedelta(days=1),
            )
    report.login(
        "Volunteer: 4 years of VSI served", "sophie.laurent@example.org", "two prior missions"
    )

    leave_start = today + timedelta(days=60)
    _profile(
        "marc.dubois@example.org",
        "Marc Dubois",
        birth_date=date(1988, 4, 17),
        nationalities=["FR"],
        residence="FR",
        employed=True,
        leave_kind=Volunteer.LeaveKind.SOLIDARITY,
        leave_start=leave_start,
        leave_end=add_months(leave_start, 12) - timedelta(days=1),
        languages=["fr", "en"],
        domains_of_interest=["emergency", "water"],
        countries_of_interest=["HT", "NE"],
        available_from=leave_start,
        skills="Ingénieur hydraulique\nLogistique",
        presentation="Salarié en congé de solidarité internationale pour un an.",
    )
    report.login(
        "Volunteer: employed, on solidarity leave", "marc.dubois@example.org", "leave of one year"
    )

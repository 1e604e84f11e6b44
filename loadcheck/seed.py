"""Seeds the load check's own database: one approved association, open missions in Senegal
and volunteers with complete profiles (French, living in France: eligible for them).

Run by `loadcheck` in a subprocess with DATABASE_URL pointing at that database; prints the
mission slugs and volunteer e-mails as JSON.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import timedelta

import django


def seed(*, missions: int, volunteers: int, password: str) -> dict:
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from associations.models import Association, Membership
    from missions.models import Mission
    from missions.services.search import missions_reindex
    from volunteers.models import Volunteer
    from vsi_portal.accounts.models import User

    today = timezone.localdate()
    hashed = make_password(password)  # argon2 once, shared by every account of the check
    staff = User.objects.create(
        email="staff@loadcheck.example.org", password=hashed, full_name="Load Staff"
    )
    association = Association.objects.create(
        name="Load Check Solidarité",
        slug="load-check",
        kind="association",
        legal_identifier="W123456789",
        approval_reference="VSI-LOAD-0001",
        approval_expires_on=today + timedelta(days=3 * 365),
        country="FR",
        contact_email="contact@loadcheck.example.org",
        description="Association of the load check.",
        status="approved",
    )
    Membership.objects.create(user=staff, association=association, role="admin")
    words = ["enseignant", "santé", "agriculture", "eau", "énergie", "informatique"]
    created = Mission.objects.bulk_create(
        Mission(
            association=association,
            title=f"Mission {words[i % len(words)]} {i}",
            slug=f"load-mission-{i}",
            summary=f"Appui {words[i % len(words)]} à Dakar.",
            description="Vous accompagnez l'équipe locale dans ses projets.",
            domain="teaching",
            country="SN",
            place="Dakar",
            start_on=today + timedelta(days=90),
            end_on=today + timedelta(days=90 + 364),
            allowance_eur=600,
            places=5,
            application_deadline=today + timedelta(days=60),
            min_age=18,
            status="published",
            published_at=timezone.now(),
        )
        for i in range(missions)
    )
    missions_reindex(missions=created)
    emails = []
    for i in range(volunteers):
        email = f"volunteer{i}@loadcheck.example.org"
        user = User.objects.create(email=email, password=hashed, full_name=f"Volunteer {i}")
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        Volunteer.objects.create(
            user=user,
            birth_date=today.replace(year=today.year - 28),
            nationalities=["FR"],
            residence="FR",
        )
        emails.append(email)
    return {"missions": [m.slug for m in created], "volunteers": emails}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loadcheck.settings")
    django.setup()
    missions, volunteers, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    print(json.dumps(seed(missions=missions, volunteers=volunteers, password=password)))

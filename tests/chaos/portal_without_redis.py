"""The portal as a process of its own, for the chaos test (tests/chaos/test_chaos.py).

    python -m tests.chaos.portal_without_redis down   # Redis and the broker unreachable
    python -m tests.chaos.portal_without_redis back   # the sweep, once they are back

Its configuration comes from the environment only, as a web process's does (the test sets
REDIS_URL and CELERY_BROKER_URL to an address where nothing listens, DATABASE_URL to a
database of its own, EMAIL_URL to a folder). ``down`` migrates, makes a small world, then
walks the main pages and actions with Django's test client and prints each answer's status
as JSON; ``back`` runs ``manage.py send_outbox`` twice and prints what was delivered.
"""

from __future__ import annotations

import json
import os
import re
import sys
from io import StringIO
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsi_portal.settings")
PASSWORD = "correct-horse-battery-staple"


def _setup() -> None:
    django.setup()
    from django.test.utils import override_settings

    # No collected static files in a test: the plain storage, as the suite's conftest does.
    override_settings(
        STORAGES={
            **django.conf.settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()


def down() -> dict:
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from missions.models import Application
    from tests.factories import (
        MembershipFactory,
        MissionFactory,
        UserFactory,
        VolunteerFactory,
        reference_languages,
    )
    from vsi_portal.outbox.models import OutboxMessage

    call_command("migrate", verbosity=0)
    reference_languages()
    staff = MembershipFactory(role="admin", user__email="staff@example.org")
    mission = MissionFactory(association=staff.association, title="Maraîchage à Kaolack")
    volunteer = VolunteerFactory(user__email="lea@example.org")
    UserFactory(email="ana@example.org")

    answers: dict[str, int] = {}

    def ask(name: str, client: Client, method: str, url: str, data=None) -> None:
        response = getattr(client, method)(url, data or {})
        answers[name] = response.status_code

    def signed_in(email: str) -> Client:
        client = Client(raise_request_exception=False)
        ask(
            f"sign in {email}",
            client,
            "post",
            reverse("account_login"),
            {"login": email, "password": PASSWORD},
        )
        return client

    anonymous = Client(raise_request_exception=False)
    ask("home", anonymous, "get", reverse("home"))
    ask("search", anonymous, "get", reverse("missions:search"))
    ask("search again", anonymous, "get", reverse("missions:search"))
    ask(
        "search with filters",
        anonymous,
        "get",
        reverse("missions:search"),
        {"q": "Kaolack", "utm_source": "chaos"},
    )
    ask("mission page", anonymous, "get", reverse("missions:detail", args=[mission.slug]))
    ask("map", anonymous, "get", reverse("missions:map"), {"domain": "teaching"})
    ask("sign-up page", anonymous, "get", reverse("account_signup"))
    ask(
        "sign up",
        anonymous,
        "post",
        reverse("account_signup"),
        {
            "full_name": "Camille Roux",
            "email": "camille@example.org",
            "password1": "un-mot-de-passe-solide-42",
            "password2": "un-mot-de-passe-solide-42",
        },
    )
    ask(
        "password reset",
        Client(raise_request_exception=False),
        "post",
        reverse("account_reset_password"),
        {"email": "ana@example.org"},
    )

    lea = signed_in(volunteer.user.email)
    ask("volunteer dashboard", lea, "get", reverse("volunteers:dashboard"))
    ask("apply page", lea, "get", reverse("missions:apply", args=[mission.slug]))
    ask(
        "apply",
        lea,
        "post",
        reverse("missions:apply", args=[mission.slug]),
        {"motivation": "Je connais bien le maraîchage."},
    )
    ask("my applications", lea, "get", reverse("missions:my_applications"))

    team = signed_in(staff.user.email)
    application = Application.objects.get(mission=mission)
    ask("staff home", team, "get", reverse("associations:staff_home"))
    ask(
        "application page",
        team,
        "get",
        reverse("missions:application_detail", args=[application.pk]),
    )
    ask("shortlist", team, "post", reverse("missions:application_shortlist", args=[application.pk]))
    ask(
        "invite",
        team,
        "post",
        reverse("associations:invite", args=[staff.association.slug]),
        {"email": "colleague@example.org", "role": "editor"},
    )
    application.refresh_from_db()
    return {
        "answers": answers,
        "application": application.status,
        "invitations": staff.association.invitations.count(),
        "waiting": sorted(
            OutboxMessage.objects.filter(state="pending", digest="").values_list("kind", flat=True)
        ),
        "digests": OutboxMessage.objects.filter(state="pending").exclude(digest="").count(),
    }


def back() -> dict:
    from django.conf import settings
    from django.core.management import call_command

    runs = []
    for _ in range(2):
        out = StringIO()
        call_command("send_outbox", stdout=out)
        runs.append(out.getvalue().strip())
    folder = Path(settings.EMAIL_FILE_PATH)
    delivered = re.findall(
        r"^Message-ID: (<outbox\.[^>]+>)",
        "".join(path.read_text() for path in sorted(folder.iterdir())),
        flags=re.MULTILINE,
    )
    return {"runs": runs, "delivered": delivered}


if __name__ == "__main__":
    _setup()
    print("CHAOS " + json.dumps({"down": down, "back": back}[sys.argv[1]]()))

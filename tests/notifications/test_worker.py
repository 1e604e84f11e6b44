"""A real Celery worker runs a beat-triggered reminder scan end to end.

The worker is a separate process, as in production: it reads the database
from DATABASE_URL and writes e-mails to files (EMAIL_URL=filemail://...). With
CELERY_BROKER_URL set (CI) the task goes over Redis; without it, over kombu's
filesystem transport (tests/core/test_celery.py), so the test always runs.

The database the worker sees: on PostgreSQL, the test database itself
(transaction=True, so the data is committed); on SQLite, whose test database
lives in memory where no other process can reach it, a file database in the
test's temporary folder, migrated and seeded by subprocesses.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection

from tests.core.test_celery import ROOT, WORKER_SCRIPT, broker_conf  # noqa: F401 - fixture

SEED = """
import json, os
from datetime import timedelta
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsi_portal.settings")
django.setup()
from django.utils import timezone
from associations.models import Association, Membership
from vsi_portal.accounts.models import User
today = timezone.localdate()
association = Association.objects.create(
    name="Association du test worker", slug="worker-test", legal_identifier="W000000001",
    contact_email="contact@worker.example.org", status="approved",
    approval_reference="VSI-TEST", approval_expires_on=today + timedelta(days=90),
)
admin = User.objects.create_user("admin@worker.example.org", full_name="Awa Admin",
                                 preferred_language="fr")
Membership.objects.create(user=admin, association=association, role="admin")
User.objects.create_user("fv@worker.example.org", full_name="Fiona Staff",
                         preferred_language="en", is_staff=True)
print(json.dumps([admin.email, "fv@worker.example.org"]))
"""

COUNT = """
import json, os
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsi_portal.settings")
django.setup()
from notifications.models import Notification, Reminder
print(json.dumps({
    "sent": Reminder.objects.filter(state="sent").count(),
    "reminders": Reminder.objects.count(),
    "notifications": Notification.objects.count(),
}))
"""


def _database_url(tmp_path: Path) -> str:
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        user = quote(db.get("USER") or "", safe="")
        password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
        host = db.get("HOST") or "127.0.0.1"
        port = db.get("PORT") or 5432
        return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"
    return f"sqlite:///{tmp_path / 'worker.sqlite3'}"


def _run(script: str, env: dict) -> str:
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


def _sent_emails(folder: Path) -> list[str]:
    """The To: of every message the worker wrote (one file per connection)."""
    recipients = []
    for path in sorted(folder.glob("*.log")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("To: "):
                recipients.append(line.removeprefix("To: ").strip())
    return recipients


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_a_beat_triggered_scan_once(broker_conf, tmp_path):  # noqa: F811
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vsi_portal.settings",
        "DATABASE_URL": _database_url(tmp_path),
        "DATABASE_POOL": "false",
        # django-environ drops the first slash of the path: an absolute one needs four.
        "EMAIL_URL": f"filemail:///{mail_dir}",
    }
    if connection.vendor != "postgresql":
        _run(
            "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
            "'vsi_portal.settings'); django.setup(); from django.core.management import "
            "call_command; call_command('migrate', verbosity=0); print('ok')",
            env,
        )
    recipients = json.loads(_run(SEED, env))

    queue = f"test-reminders-{os.getpid()}"
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER_SCRIPT, json.dumps(broker_conf), queue],
        cwd=ROOT,
        env=env,
    )
    try:
        # Not the current app: shared tasks of later tests must keep the project's app.
        client = Celery("test-beat", set_as_current=False)
        client.conf.update(broker_conf)
        # What beat does at 07:00: send the scheduled task by name with its arguments.
        entry = settings.CELERY_BEAT_SCHEDULE["reminders-approval_expiring"]

        def beat_tick():
            return client.send_task(entry["task"], args=entry["args"], queue=queue).get(timeout=90)

        first = beat_tick()
        assert (first["inserted"], first["sent"], first["failed"]) == (2, 2, 0)
        assert sorted(_sent_emails(mail_dir)) == sorted(recipients)

        second = beat_tick()  # a second beat, or the task retried: nothing goes out again
        assert (second["inserted"], second["sent"]) == (0, 0)
        assert sorted(_sent_emails(mail_dir)) == sorted(recipients)
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    counts = json.loads(_run(COUNT, env))
    assert counts == {"sent": 2, "reminders": 2, "notifications": 2}

"""Chaos: the portal started against a Redis and a broker where nothing listens.

A process of its own (``portal_without_redis``), configured by its environment as a web
process is, with REDIS_URL and CELERY_BROKER_URL at 127.0.0.1:1: the main pages and
actions answer without a 500, the changes are saved and their e-mails wait in the outbox;
once the broker is back the sweep delivers each of them, exactly once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOWHERE = "redis://127.0.0.1:1/0"  # nothing listens there

pytestmark = pytest.mark.chaos


def _run(mode: str, env: dict) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "tests.chaos.portal_without_redis", mode],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("CHAOS ")]
    assert done.returncode == 0 and lines, done.stdout[-3000:] + done.stderr[-5000:]
    return json.loads(lines[-1].removeprefix("CHAOS "))


def test_pages_and_actions_answer_while_redis_is_down_and_the_mail_goes_once_it_is_back(
    tmp_path,
):
    mail = tmp_path / "mail"
    mail.mkdir()
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith("PYTEST")},
        "DJANGO_SETTINGS_MODULE": "vsi_portal.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'chaos.sqlite3'}",
        "EMAIL_URL": f"filemail:///{mail}",  # four slashes: an absolute folder
        "DEBUG": "false",
        "LOG_LEVEL": "ERROR",
    }
    down = _run("down", {**env, "REDIS_URL": NOWHERE, "CELERY_BROKER_URL": NOWHERE})

    assert {name: status for name, status in down["answers"].items() if status >= 500} == {}
    assert down["answers"]["search"] == 200 and down["answers"]["mission page"] == 200
    assert down["answers"]["map"] == 200
    assert down["answers"]["sign up"] == 302 and down["answers"]["password reset"] == 302
    assert down["answers"]["apply"] == 302 and down["answers"]["shortlist"] == 302
    assert down["answers"]["invite"] == 302
    assert down["application"] == "shortlisted" and down["invitations"] == 1
    assert down["waiting"] == [
        "account.email_confirmation_signup",
        "account.password_reset_key",
        "associations.invitation",
        "missions.application_volunteer",
    ]
    assert down["digests"] == 1  # the staff's news of the application, for the hour's end
    assert list(mail.iterdir()) == []

    # The broker is back (in CI the real one; here the sweep needs none).
    back_env = {key: value for key, value in env.items() if key != "REDIS_URL"}
    if "CELERY_BROKER_URL" not in os.environ:
        back_env.pop("CELERY_BROKER_URL", None)
    back = _run("back", back_env)
    assert back["runs"][0].startswith("sent: 4,")
    assert back["runs"][1].startswith("sent: 0,")
    assert len(back["delivered"]) == 4 == len(set(back["delivered"]))

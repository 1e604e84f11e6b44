from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _start_with(**overrides: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **overrides}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_suite_runs_on_the_database_named_by_database_url():
    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "nonsense"),
        ("DEBUG", "maybe"),
        ("CELERY_BROKER_URL", "nonsense"),
        ("EMAIL_URL", "pigeon://loft"),
    ],
)
def test_invalid_variable_stops_start_up_with_one_line_naming_it(variable, value):
    result = _start_with(**{variable: value})
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Configuration error: {variable}:")


def test_embedded_defaults_use_paris_time_and_french():
    assert settings.TIME_ZONE == "Europe/Paris"
    assert settings.USE_TZ is True
    assert settings.LANGUAGE_CODE == "fr"
    assert [code for code, _ in settings.LANGUAGES] == ["fr", "en"]


def test_tasks_run_in_process_without_a_broker():
    assert settings.CELERY_TASK_ALWAYS_EAGER is (not os.environ.get("CELERY_BROKER_URL"))


def test_private_media_is_outside_static_and_has_no_url():
    default_storage = settings.STORAGES["default"]["OPTIONS"]["location"]
    assert "static" not in Path(default_storage).parts
    assert not settings.MEDIA_URL or settings.MEDIA_URL == "/"

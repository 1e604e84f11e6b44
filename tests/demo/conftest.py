from __future__ import annotations

import pytest
from django.utils import timezone

from demo import accounts
from demo.accounts import DEMO_ADMIN_EMAIL, DemoReport, demo_user
from demo.loader import load_demo


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def demo(today, db):
    """The whole demo, loaded as of today."""
    load_demo(today=today)
    return today


@pytest.fixture
def load_demo_device(db):
    """Loads the demo admin's account and two-factor device; returns the logins printed."""

    def load() -> DemoReport:
        demo_user(email=DEMO_ADMIN_EMAIL, full_name="Camille Admin", is_staff=True)
        report = DemoReport()
        accounts.load_admin_device(report=report)
        return report

    return load

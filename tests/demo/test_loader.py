"""load_demo as a whole: idempotent."""

from __future__ import annotations

import pytest

from demo.loader import load_demo
from missions.models import Application, ApplicationEvent, Contract

pytestmark = pytest.mark.django_db


def test_the_demo_is_idempotent(demo):
    counts = (
        Application.objects.count(),
        ApplicationEvent.objects.count(),
        Contract.objects.count(),
    )
    load_demo(today=demo)
    assert counts == (
        Application.objects.count(),
        ApplicationEvent.objects.count(),
        Contract.objects.count(),
    )

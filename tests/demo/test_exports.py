"""The demo's export: Solidarité Sahel's administrator has their contracts ready as XLSX."""

from __future__ import annotations

import pytest

from demo.exports import STAFF_EMAIL
from demo.loader import load_demo
from missions.models import Export

pytestmark = pytest.mark.django_db


def test_the_demo_administrator_has_a_ready_export_of_their_contracts(demo):
    export = Export.objects.get(requested_by__email=STAFF_EMAIL)
    assert (export.kind, export.file_format, export.status) == ("contracts", "xlsx", "ready")
    assert export.rows > 0


def test_loading_the_demo_again_the_same_day_adds_no_export(demo):
    load_demo(today=demo)
    assert Export.objects.count() == 1

"""``manage.py end_contracts_due``: the daily end of contracts, run by hand."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from missions.models import Contract
from tests.factories import ContractFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice_running(today):
    """An active contract whose notice's last day is today."""
    return ContractFactory(
        status="active",
        start_on=today - timedelta(days=100),
        end_on=today + timedelta(days=200),
        notice_given_on=today - timedelta(days=31),
        notice_side="association",
        ended_on=today,
        end_reason="mutual",
    )


def _run(*args: str) -> str:
    out = StringIO()
    call_command("end_contracts_due", *args, stdout=out)
    return out.getvalue()


def test_a_contract_is_not_ended_on_its_last_day(notice_running, today):
    assert _run("--date", today.isoformat()) == "ended: 0\n"
    notice_running.refresh_from_db()
    assert notice_running.status == Contract.Status.ACTIVE


def test_the_day_after_its_last_day_the_contract_is_ended_early(notice_running, today):
    assert _run("--date", (today + timedelta(days=1)).isoformat()) == "ended: 1\n"
    notice_running.refresh_from_db()
    assert notice_running.status == Contract.Status.ENDED_EARLY


def test_a_second_run_ends_nothing_more(notice_running, today):
    day_after = (today + timedelta(days=1)).isoformat()
    _run("--date", day_after)
    assert _run("--date", day_after) == "ended: 0\n"


def test_a_date_not_written_yyyy_mm_dd_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        _run("--date", "05/12/2026")

"""Two daily jobs at once (a retried task, a second beat) end each contract once: one
conditional UPDATE ... RETURNING claims the rows, the other finds them moved.

On PostgreSQL the two runs are truly parallel, each on its own connection; SQLite's
in-memory test database fails a second writer at once, so there they take turns.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import translation

from missions.models import Contract
from missions.services.contract_ends import contract_give_notice, contracts_end_due
from tests.factories import ContractFactory, MembershipFactory
from vsi_portal.entitlements import earliest_end_after_notice
from vsi_portal.outbox.models import OutboxMessage
from vsi_portal.security.models import AuditEvent

_SQLITE_WRITER = threading.Lock()
NOTICE = date(2030, 3, 10)
LAST_DAY = earliest_end_after_notice(NOTICE)
RUNS = 4


def _end_due(today):
    with translation.override("en"):
        if connection.vendor != "sqlite":
            return contracts_end_due(today=today)
        with _SQLITE_WRITER:
            return contracts_end_due(today=today)


def _contracts_under_notice(count):
    contracts = []
    for _ in range(count):
        contract = ContractFactory(
            status="active", start_on=date(2030, 1, 1), end_on=date(2030, 12, 31)
        )
        staff = MembershipFactory(association=contract.association).user
        contract_give_notice(
            contract=contract,
            by=staff,
            side="association",
            notice_given_on=NOTICE,
            ended_on=LAST_DAY,
            reason="mutual",
            today=NOTICE,
        )
        contracts.append(contract)
    return contracts


@pytest.mark.django_db(transaction=True)
def test_daily_jobs_running_at_once_end_each_contract_once():
    contracts = _contracts_under_notice(5)
    mails_before = OutboxMessage.objects.count()
    barrier = threading.Barrier(RUNS)
    moved, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            moved.append(_end_due(LAST_DAY + timedelta(days=1)))
        except Exception as error:  # reported below, the test must see it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(moved) == RUNS
    every = [pk for run in moved for pk in run]
    assert sorted(every) == sorted(contract.pk for contract in contracts)  # each once
    assert set(Contract.objects.values_list("status", flat=True)) == {"ended_early"}
    # Two e-mails (the volunteer, the administrator) and one audit event per contract.
    assert OutboxMessage.objects.count() - mails_before == 2 * len(contracts)
    assert AuditEvent.objects.filter(details__change="end_early").count() == len(contracts)

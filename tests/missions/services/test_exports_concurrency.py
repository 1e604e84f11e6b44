"""A double click posts the same form twice at the same moment: one export, one audit record,
one build (truly parallel on PostgreSQL)."""

from __future__ import annotations

import threading
import uuid
from functools import partial

import pytest
from django.db import connection

from missions.models import Export
from missions.services.exports import READY_KIND, export_build, export_request
from notifications.models import Notification
from tests.concurrency import at_once
from tests.factories import ContractFactory, MembershipFactory
from vsi_portal.security.models import AuditEvent

_SQLITE_WRITER = threading.Lock()


def _in_turn_on_sqlite(call):
    """SQLite's in-memory test database fails a second writer at once instead of waiting,
    so there the two take turns; PostgreSQL runs them in parallel (the unique constraint
    orders them)."""
    if connection.vendor != "sqlite":
        return call()
    with _SQLITE_WRITER:
        return call()


@pytest.mark.django_db(transaction=True)
def test_the_same_form_posted_twice_at_once_makes_one_export():
    staff = MembershipFactory().user
    key = uuid.uuid4()

    def ask():
        return export_request(
            by=staff, kind="contracts", file_format="csv", request_key=key, language="fr"
        )

    done, errors = at_once(*[partial(_in_turn_on_sqlite, ask) for _ in range(2)])
    assert errors == []
    assert sorted(created for _export, created in done) == [False, True]
    assert {export.pk for export, _created in done} == set(
        Export.objects.values_list("pk", flat=True)
    )
    assert Export.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DATA_EXPORTED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_builds_of_one_export_at_once_write_one_file():
    membership = MembershipFactory()
    ContractFactory(application__mission__association=membership.association)
    export, _created = export_request(
        by=membership.user,
        kind="contracts",
        file_format="xlsx",
        request_key=uuid.uuid4(),
        language="fr",
    )
    build = partial(export_build, export_id=export.pk)
    done, errors = at_once(*[partial(_in_turn_on_sqlite, build) for _ in range(2)])
    assert errors == []
    assert sorted(result is None for result in done) == [False, True]
    assert Notification.objects.filter(kind=READY_KIND).count() == 1
    assert Export.objects.get().status == Export.Status.READY

"""What the export commands' tests share: an export asked for by an association's staff."""

from __future__ import annotations

import uuid

import pytest

from missions.services.exports import export_request
from tests.factories import MembershipFactory


@pytest.fixture
def export(db):
    export, _created = export_request(
        by=MembershipFactory().user,
        kind="missions",
        file_format="csv",
        request_key=uuid.uuid4(),
        language="en",
    )
    return export

"""The outbox in the admin: read-only, and "send again" for failed e-mails."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.mail import send_due
from vsi_portal.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_send_again_puts_a_failed_email_back_and_the_sweep_sends_it(verified_admin_client, outbox):
    failed = OutboxMessage.objects.create(
        kind="test",
        to="lea@example.org",
        language="fr",
        subject="Bonjour",
        text=".",
        state=OutboxMessage.State.FAILED,
        attempts=8,
    )
    response = verified_admin_client.post(
        reverse("admin:outbox_outboxmessage_changelist"),
        {"action": "send_again", "_selected_action": [failed.pk]},
    )
    assert response.status_code == 302
    assert send_due().sent == 1
    assert [message.to for message in outbox] == [["lea@example.org"]]

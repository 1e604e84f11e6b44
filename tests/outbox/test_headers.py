"""An e-mail's extra headers (e.g. List-Unsubscribe) travel with its outbox row; a
digest, which gathers several rows, goes out without them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from vsi_portal.outbox.models import OutboxMessage
from vsi_portal.outbox.sending import outbox_send
from vsi_portal.outbox.services import Email, outbox_write

pytestmark = pytest.mark.django_db

HEADERS = {
    "List-Unsubscribe": "<https://example.org/stop/abc/>",
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
}


def _email(**fields) -> Email:
    return Email(
        to="lea@example.org",
        subject="Bonjour",
        text="Un message.",
        language="fr",
        kind="t",
        **fields,
    )


def test_an_email_goes_out_with_its_headers_and_its_message_id(outbox):
    outbox_write(emails=[_email(headers=HEADERS)])
    outbox_send()
    (message,) = outbox
    assert message.extra_headers["List-Unsubscribe"] == HEADERS["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["Message-ID"].startswith("<outbox.")


def test_an_email_without_headers_has_none_of_them(outbox):
    outbox_write(emails=[_email()])
    outbox_send()
    (message,) = outbox
    assert "List-Unsubscribe" not in message.extra_headers
    assert OutboxMessage.objects.get().headers == {}


def test_a_digest_goes_out_without_its_items_headers(outbox):
    rows = outbox_write(
        emails=[_email(headers=HEADERS, digest="d"), _email(headers=HEADERS, digest="d")]
    )
    outbox_send(now=rows[0].send_after + timedelta(seconds=1))
    (message,) = outbox
    assert "List-Unsubscribe" not in message.extra_headers

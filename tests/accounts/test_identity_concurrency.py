"""Two variants of one address signed up at the same moment: one account, no error page."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from vsi_portal.accounts.models import User

_SQLITE_WRITER = threading.Lock()


def _sign_up(email: str):
    """PostgreSQL runs both sign-ups truly in parallel (the unique address orders them).
    SQLite's in-memory test database fails a second writer at once instead of waiting, so
    there the two take turns, as SQLite would make two processes do."""
    client = Client(raise_request_exception=False)
    data = {
        "full_name": "Someone",
        "email": email,
        "password1": "un-mot-de-passe-solide-42",
        "password2": "un-mot-de-passe-solide-42",
    }
    if connection.vendor != "sqlite":
        return client.post(reverse("account_signup"), data)
    with _SQLITE_WRITER:
        return client.post(reverse("account_signup"), data)


# Serialized rollback: the flush after this test then leaves the tables empty rather than
# re-creating content types that a later serialized test would load again.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_sign_ups_with_variants_make_one_account(outbox):
    barrier = threading.Barrier(2)
    statuses, errors = [], []

    def worker(email):
        try:
            barrier.wait(timeout=10)
            statuses.append(_sign_up(email).status_code)
        except Exception as error:  # reported below, the test must see it
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(email,))
        for email in ("ＡDMIN@vsi-portal.fr", "admin@ｖsi-portal.fr")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert statuses == [302, 302]
    assert list(User.objects.values_list("email", flat=True)) == ["admin@vsi-portal.fr"]

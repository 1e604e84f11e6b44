"""Limits hold when two requests arrive at the same moment (truly parallel on PostgreSQL)."""

from __future__ import annotations

import secrets
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from associations.errors import AssociationError
from associations.models import Association, Invitation
from associations.services.associations import association_register
from associations.services.staff import PENDING_INVITATIONS_PER_ASSOCIATION, invitation_create
from tests.factories import MembershipFactory, UserFactory

_SQLITE_WRITER = threading.Lock()

PROFILE = {
    "kind": "association",
    "address": "1 rue de la Loire\n45000 Orléans",
    "country": "FR",
    "website": "",
    "contact_email": "contact@amis-du-fleuve.example.org",
    "description": "Coopération avec le Mali.",
    "min_volunteer_age": 18,
}


def _in_turn_on_sqlite(call):
    """PostgreSQL runs both calls truly in parallel (the row locks order them). SQLite's
    in-memory test database fails a second writer at once instead of waiting, so there the
    two take turns, as SQLite would make two processes do."""
    if connection.vendor != "sqlite":
        return call()
    with _SQLITE_WRITER:
        return call()


def _race(*calls):
    barrier = threading.Barrier(len(calls))
    done, refused, errors = [], [], []

    def worker(call):
        try:
            barrier.wait(timeout=10)
            done.append(_in_turn_on_sqlite(call))
        except AssociationError as error:
            refused.append(error.code)
        except Exception as error:  # reported below, the test must see it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return done, refused


# Serialized rollback: the flush after each test then leaves the tables empty rather than
# re-creating content types that a later serialized test would load again.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_registrations_by_one_person_at_the_same_moment_make_one():
    user = UserFactory()
    done, refused = _race(
        lambda: association_register(
            by=user, name="Amis du Fleuve", legal_identifier="W123456789", **PROFILE
        ),
        lambda: association_register(
            by=user, name="Amis de la Mer", legal_identifier="W123456780", **PROFILE
        ),
    )
    assert (len(done), refused) == (1, ["registration_pending"])
    assert Association.objects.filter(created_by=user).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_invitations_for_the_last_place_at_the_same_moment_make_one():
    first = MembershipFactory(role="admin")
    second = MembershipFactory(association=first.association, role="admin")
    now = timezone.now()
    Invitation.objects.bulk_create(
        Invitation(
            association=first.association,
            email=f"waiting{n}@example.org",
            token_hash=secrets.token_hex(32),
            created_at=now - timedelta(days=1),
            expires_at=now + timedelta(days=6),
        )
        for n in range(PENDING_INVITATIONS_PER_ASSOCIATION - 1)
    )
    done, refused = _race(
        *(
            lambda admin=admin, n=n: invitation_create(
                association=admin.association,
                email=f"new{n}@example.org",
                role="editor",
                by=admin.user,
            )
            for n, admin in enumerate((first, second))
        )
    )
    assert (len(done), refused) == (1, ["too_many_pending"])
    assert first.association.invitations.open().count() == PENDING_INVITATIONS_PER_ASSOCIATION

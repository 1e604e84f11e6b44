"""A volunteer signs two overlapping offers at the same moment (two tabs, two
associations): one binding contract, never two that share a day.

On PostgreSQL both signatures run truly in parallel, each on its own connection; the
volunteer's row lock orders them, and the database stands behind the lock: the exclusion
constraint ``contract_no_overlap_per_volunteer`` on PostgreSQL, a trigger on SQLite (both
apply to binding contracts: signed by the volunteer at least).
"""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from missions.errors import ContractError
from missions.models import Contract
from missions.services import contract_signing
from missions.services import contracts as contract_services
from missions.services.contract_signing import contract_volunteer_sign
from tests.factories import (
    ApplicationFactory,
    ContractFactory,
    MembershipFactory,
    MissionFactory,
    VolunteerFactory,
)
from tests.missions.engagement import offer

_SQLITE_WRITER = threading.Lock()


def _sign(contract):
    """SQLite's in-memory test database fails a second writer at once instead of waiting,
    so there the two take turns, as SQLite would make two processes do."""
    user = contract.volunteer.user
    with translation.override("en"):
        if connection.vendor != "sqlite":
            return contract_volunteer_sign(contract=contract, by=user, full_name=user.full_name)
        with _SQLITE_WRITER:
            return contract_volunteer_sign(contract=contract, by=user, full_name=user.full_name)


def _two_overlapping_offers():
    """One volunteer offered contracts by two associations, for missions sharing three
    months (offers hold no days: both can be offered)."""
    volunteer = VolunteerFactory()
    start = timezone.localdate() + timedelta(days=60)
    offers = []
    for offset in (0, 90):
        mission = MissionFactory(
            start_on=start + timedelta(days=offset),
            end_on=start + timedelta(days=offset + 180),
            application_deadline=start - timedelta(days=10),
        )
        application = ApplicationFactory(mission=mission, volunteer=volunteer, status="accepted")
        staff = MembershipFactory(association=mission.association).user
        offers.append(offer(application, staff))
    return volunteer, offers


def _sign_at_once(offers, sign=_sign):
    barrier = threading.Barrier(len(offers))
    signed, refused, errors = [], [], []

    def worker(contract):
        try:
            barrier.wait(timeout=10)
            signed.append(sign(contract))
        except ContractError as error:
            refused.append(error)
        except Exception as error:  # reported below, the test must see it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(contract,)) for contract in offers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return signed, refused, errors


@pytest.mark.django_db(transaction=True)
def test_a_volunteer_signing_two_overlapping_offers_at_once_binds_one():
    volunteer, offers = _two_overlapping_offers()
    signed, refused, errors = _sign_at_once(offers)
    assert errors == []
    assert len(signed) == 1 and len(refused) == 1
    assert Contract.objects.binding().filter(volunteer=volunteer).count() == 1
    assert Contract.objects.filter(volunteer=volunteer, status="offered").count() == 1
    # The second one is told why, in the rules' words: the days are already committed.
    assert any("shares days" in reason for reason in refused[0].reasons)


@pytest.mark.django_db
def test_without_the_lock_the_database_refuses_the_signature_judged_on_stale_facts(
    monkeypatch,
):
    """The lock taken away, a signature judges the volunteer before their other offer's
    signature is saved: the database (the exclusion constraint on PostgreSQL, a trigger on
    SQLite) refuses the second, which the service words as a ContractError."""
    real_verdict_for = contract_services.verdict_for
    volunteer, (first, second) = _two_overlapping_offers()

    def verdict_then_the_other_is_signed(**kwargs):
        judged = real_verdict_for(**kwargs)  # nothing binding yet: eligible
        monkeypatch.setattr(contract_services, "verdict_for", real_verdict_for)
        user = first.volunteer.user
        contract_volunteer_sign(contract=first, by=user, full_name=user.full_name)
        return judged

    monkeypatch.setattr(contract_services, "verdict_for", verdict_then_the_other_is_signed)
    monkeypatch.setattr(contract_signing, "volunteer_lock", lambda **kwargs: None)
    user = second.volunteer.user
    with translation.override("en"):
        with pytest.raises(ContractError) as refused:
            contract_volunteer_sign(contract=second, by=user, full_name=user.full_name)
        assert "already has a contract on some of these days" in str(refused.value.message)
    # In one process the other signature ran inside this one's transaction, rolled back
    # with it; what matters is that the signature judged on stale facts was never saved.
    assert not Contract.objects.binding().filter(volunteer=volunteer).exists()


@pytest.mark.django_db
def test_the_database_refuses_contracts_of_one_volunteer_sharing_a_day():
    volunteer = VolunteerFactory()
    first = ContractFactory(
        application__volunteer=volunteer,
        volunteer=volunteer,
        start_on=date(2030, 1, 1),
        end_on=date(2030, 6, 30),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ContractFactory(
            application__volunteer=volunteer,
            volunteer=volunteer,
            start_on=first.end_on,
            end_on=date(2030, 12, 31),
        )


@pytest.mark.django_db
def test_a_contract_may_start_the_day_after_another_ends_early():
    volunteer = VolunteerFactory()
    ContractFactory(
        application__volunteer=volunteer,
        volunteer=volunteer,
        status="ended_early",
        start_on=date(2030, 1, 1),
        end_on=date(2030, 12, 31),
        ended_on=date(2030, 3, 31),
    )
    ContractFactory(
        application__volunteer=volunteer,
        volunteer=volunteer,
        start_on=date(2030, 4, 1),
        end_on=date(2030, 9, 30),
    )
    assert Contract.objects.filter(volunteer=volunteer).count() == 2

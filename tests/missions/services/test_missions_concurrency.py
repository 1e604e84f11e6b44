"""Eight missions created at the same moment with one title: eight missions, eight slugs,
no error (issue 14: one of eight answered 500 on the unique slug)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from missions.models import Mission
from missions.services.missions import mission_create, mission_duplicate
from tests.factories import AssociationFactory, MembershipFactory, MissionFactory

_SQLITE_WRITER = threading.Lock()
TITLE = "Appui aux centres de santé communautaires"
SLUG = "appui-aux-centres-de-sante-communautaires"


def _at_once(count: int, work) -> list[Exception]:
    """Runs ``work(index)`` in ``count`` threads released together; returns their errors.

    PostgreSQL runs them truly in parallel, each on its own connection. SQLite's in-memory
    test database fails a second writer at once instead of waiting, so there they take
    turns, as SQLite would make processes do.
    """
    barrier = threading.Barrier(count)
    errors: list[Exception] = []

    def worker(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            if connection.vendor == "sqlite":
                with _SQLITE_WRITER:
                    work(index)
            else:
                work(index)
        except Exception as error:  # reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True)
def test_eight_missions_created_at_once_with_one_title_get_eight_slugs(mission_data):
    association = AssociationFactory()
    staff = [MembershipFactory(association=association).user for _ in range(8)]

    def create(index: int) -> None:
        mission_create(
            association=association, by=staff[index], data={**mission_data, "title": TITLE}
        )

    assert _at_once(8, create) == []
    slugs = set(Mission.objects.values_list("slug", flat=True))
    assert len(slugs) == 8
    assert SLUG in slugs and all(slug.startswith(SLUG) for slug in slugs)


@pytest.mark.django_db(transaction=True)
def test_a_mission_duplicated_four_times_at_once_gets_four_slugs():
    original = MissionFactory(title=TITLE, slug=SLUG)
    staff = [MembershipFactory(association=original.association).user for _ in range(4)]

    def duplicate(index: int) -> None:
        mission_duplicate(mission=original, by=staff[index])

    assert _at_once(4, duplicate) == []
    assert Mission.objects.values("slug").distinct().count() == 5

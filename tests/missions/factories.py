"""Missions as the services leave them: with their derived search columns filled."""

from __future__ import annotations

import factory

from missions.services.search import missions_reindex
from tests.factories import MissionFactory


class IndexedMissionFactory(MissionFactory):
    """A MissionFactory mission whose search text, vector, duration and latest end are set.

    The shared factory writes rows directly; the services would have filled these columns,
    so this one asks the service to, as a bulk import would with ``missions_reindex``.
    """

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def reindexed(self, create, extracted, **kwargs):
        if create:
            missions_reindex(missions=[self])

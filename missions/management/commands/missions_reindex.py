from django.core.management.base import BaseCommand

from missions.services.search import missions_reindex


class Command(BaseCommand):
    help = "Rebuild the missions' derived columns (search text and vector, duration, latest end)."

    def handle(self, *args, **options):
        count = missions_reindex()
        self.stdout.write(f"{count} missions reindexed.")

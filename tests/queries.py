"""Query counts that depend on the configuration the suite runs with.

With Redis configured (CI), sessions are read from the cache (``cached_db``): a signed-in
page reads its session without a query; with the database sessions of the embedded
defaults, it takes one.
"""

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

SESSION_READ_QUERIES = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1


def count_queries(client, url, params=None) -> int:
    """How many queries a GET of ``url`` runs (the page must answer 200)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)

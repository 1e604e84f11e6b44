"""Query counts that depend on the configuration the suite runs with.

With Redis configured (CI), sessions are read from the cache (``cached_db``): a signed-in
page reads its session without a query; with the database sessions of the embedded
defaults, it takes one.
"""

from django.conf import settings

SESSION_READ_QUERIES = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1

"""The caches, and what each does while Redis does not answer: degrade, never break.

Three aliases (``settings.CACHES``, built from ``REDIS_URL``):

- ``shared``: sessions (``cached_db``), the public search's pages and its form's HTML.
  django-redis with its own ``IGNORE_EXCEPTIONS`` option: a failure is logged
  (``DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS``) and read as a miss, so the session comes from
  the database and the page is computed.
- ``default``: django-allauth's rate limits (allauth reads the default cache and no other).
  Redis, so every process counts together; while Redis fails, the memory of this process
  (``local``), so each process goes on counting on its own. A miss would not do here:
  allauth takes a lock with ``add`` before counting, and a lock never taken refuses every
  sign-in, sign-up and password reset (429) after a second's wait.
- ``local``: that memory.

Without ``REDIS_URL`` (the embedded mode) all three are memory local to the process.
"""

from __future__ import annotations

import functools
import logging

import redis.exceptions
from django.core.cache import caches
from django_redis.cache import RedisCache

logger = logging.getLogger(__name__)

LOCAL = "local"  # the alias of this process's memory (settings.CACHES)
# What the client raises when the server is unreachable, times out or refuses a write
# (e.g. out of memory); django-redis passes them on when told not to ignore them.
REDIS_FAILURES = (redis.exceptions.RedisError, OSError)


def _or_local(name: str):
    redis_method = getattr(RedisCache, name)

    @functools.wraps(redis_method)
    def method(self, *args, **kwargs):
        try:
            return redis_method(self, *args, **kwargs)
        except REDIS_FAILURES as error:
            logger.warning("Redis does not answer (%s): %s counts in this process", error, name)
            return getattr(caches[LOCAL], name)(*args, **kwargs)

    return method


class RedisOrLocalCache(RedisCache):
    """django-redis, or while Redis fails, the ``local`` cache of this process.

    Only the operations of Django's cache API are covered (those allauth's rate limits
    use among them); django-redis's extras (``keys``, ``lock``...) still raise.
    """

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        # django-redis passes the client's error on: the methods below catch it.
        self._ignore_exceptions = False


for _name in (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "set_many",
    "delete_many",
    "has_key",
    "incr",
    "decr",
    "clear",
):
    setattr(RedisOrLocalCache, _name, _or_local(_name))

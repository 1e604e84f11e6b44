"""The public search's results, kept in the cache for everyone who asks the same thing.

A page of results depends only on the filters, the page number and the day (missions
leave the search the day after their deadline) when nobody filters by their own profile:
anonymous visitors and signed-in people alike get the same 20 missions. Those pages are
kept for ``SEARCH_CACHE_SECONDS`` (60 by default; 0 turns the cache off), under a
version number that every write changing what the search shows moves on, after its
commit (``results_changed``): a published, edited or closed mission, an association
approved, suspended or renamed. With the shared Redis cache of production a change shows
at once in every process; with a process-local cache (the embedded defaults), the other
processes see it within ``SEARCH_CACHE_SECONDS``.

The "similar missions" of a mission page, and an anonymous visitor's whole search page
(``missions.views.mission_search``), are kept the same way. "Missions I can apply to"
depends on the person's facts and is never cached.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

VERSION_KEY = "missions:search:version"
T = TypeVar("T")


def results_changed() -> None:
    """The search may show something else: cached pages are dropped once the write commits.

    ``robust``: the write is committed whatever happens to the cache (see ``_move_version_on``).
    """
    transaction.on_commit(_move_version_on, robust=True)


def _move_version_on() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (or evicted): any new one differs from the old
        cache.set(VERSION_KEY, _fresh_version(), None)
    except Exception:  # the cache is down: what it held expires within SEARCH_CACHE_SECONDS
        logger.warning("Could not move the search cache version on", exc_info=True)


def _fresh_version() -> int:
    return time.time_ns()


def _seconds() -> int:
    return int(getattr(settings, "SEARCH_CACHE_SECONDS", 0))


def _key(name: str, parts: tuple) -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = _fresh_version()
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY, version)
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"missions:{name}:{version}:{digest}"


def cached(name: str, parts: tuple, compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave lately for the same ``name`` and ``parts``.

    ``parts`` must say everything the result depends on besides the published missions
    (filters, page, day...); their ``repr`` makes the key. ``compute`` must not return None.
    A cache that does not answer only costs the computation: the page is still served.
    """
    if _seconds() <= 0:
        return compute()
    try:
        key = _key(name, parts)
        value = cache.get(key)
    except Exception:
        logger.warning("The search cache does not answer", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, _seconds())
        except Exception:
            logger.warning("The search cache does not answer", exc_info=True)
    return value

"""The public search's results, kept in the cache for everyone who asks the same thing.

A page of results depends only on the filters, the page number and the day (missions
leave the search the day after their deadline) when nobody filters by their own profile:
anonymous visitors and signed-in people alike get the same 20 missions. Those pages are
kept for ``SEARCH_CACHE_SECONDS`` (60 by default; 0 turns the cache off), under a
version number that every write changing what the search shows moves on, after its
commit (``results_changed``): a published, edited or closed mission (the last place
filled closes it), an association approved, suspended or renamed, its approval renewed
(missions starting after the old expiry come back). With the shared Redis cache of
production a change shows at once in every process; with a process-local cache (the
embedded defaults), the other processes see it within ``SEARCH_CACHE_SECONDS``.

The "similar missions" of a mission page, an anonymous visitor's whole search page
(``missions.views.mission_search``), a search's feed (``selectors.sharing``) and the
search map's counts by country (``missions.selectors.search_map``) are kept the same
way. "Missions I can apply to" depends on the person's facts and is never cached; nor
is the page of a visitor who answered "Am I eligible?" (its badges are theirs), nor a
candidate's similar missions.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

VERSION_KEY = "missions:search:version"
# The alias of the shared cache, which reads a failure of Redis as a miss (the
# django-redis option IGNORE_EXCEPTIONS, settings.CACHES): nothing here catches errors.
CACHE_ALIAS = "shared"
T = TypeVar("T")


def _cache():
    return caches[CACHE_ALIAS]


def results_changed() -> None:
    """The search may show something else: cached pages are dropped once the write commits.

    ``robust``: the write is committed whatever happens after it. While the cache is down
    the version does not move: what it held expires within ``SEARCH_CACHE_SECONDS``.
    """
    transaction.on_commit(_move_version_on, robust=True)


def _move_version_on() -> None:
    try:
        _cache().incr(VERSION_KEY)
    except ValueError:  # no version yet (or evicted): any new one differs from the old
        _cache().set(VERSION_KEY, _fresh_version(), None)


def _fresh_version() -> int:
    return time.time_ns()


def _seconds() -> int:
    return int(getattr(settings, "SEARCH_CACHE_SECONDS", 0))


def _key(name: str, parts: tuple) -> str:
    cache = _cache()
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
    ``parts`` must be made of validated values only (never a raw query string): a key
    a visitor can vary at will would let them fill the cache. A cache that does not answer
    only costs the computation (a miss): the page is still served.
    """
    if _seconds() <= 0:
        return compute()
    key = _key(name, parts)
    value = _cache().get(key)
    if value is None:
        value = compute()
        _cache().set(key, value, _seconds())
    return value

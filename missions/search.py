"""Full-text search over missions: PostgreSQL text search, and a portable fallback.

A mission is found by its own texts and by the words of ``search_terms``: its city, its
country and continent named in French and in English ("Sénégal Senegal Afrique Africa"),
its domain's labels and the synonyms of ``models.DOMAIN_WORDS`` ("médecin", "nurse" find
the health missions). The services store those words in the mission's ``search_terms``.
The synonyms are expanded on the document's side, so a query word that is a synonym of
a domain matches that domain's missions while the query keeps its syntax (websearch on
PostgreSQL) and its index; a changed table takes effect once the stored columns are
rebuilt (``manage.py missions_reindex``, or a migration as 0017 did).

On PostgreSQL each mission stores a weighted ``tsvector`` (title A; association name,
summary, skills and search terms B; description C), indexed by GIN, that finds the
matches, and a small one of its title (A), summary (B), place and domain labels (D)
that ranks them: a match in the title or summary comes first, then one by place or
domain, then one in the description or a synonym alone. Both are built twice, with the
text search configurations ``vsi_fr`` and ``vsi_en`` (French and English stemming, both
behind ``unaccent``; created by migration 0004), and a query matches when either the
French or the English reading of it matches: "enseignants" finds "enseignement",
"teachers" finds "teacher", "sante" finds "santé", "senegal" finds "Sénégal".

Elsewhere (SQLite, the embedded default) the mission stores the same texts and terms folded
(lower case, accents removed) in ``search_text``; a query matches when every word of it,
folded and without a plural ending, occurs in that text. Simple queries (a few words,
with or without accents, singular or plural) behave the same on both backends.

The services write both columns (``refresh_search_columns``) whenever a mission is
written or its association renamed; no signal does it behind their back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils import translation
from django_countries import countries

from .models import DOMAIN_WORDS, Domain
from .regions import Region, region_of

SEARCH_CONFIGS = ("vsi_fr", "vsi_en")

# One UPDATE per batch of missions; the association's name comes from its row, so a
# rename refreshes with the same statement.
_PIECES = (
    ("m.title", "A"),
    ("a.name || ' ' || m.summary || ' ' || m.skills || ' ' || m.search_terms", "B"),
    ("m.description", "C"),
)
# The relevance of a match is read from the title and the summary only: a small vector
# that PostgreSQL keeps inside the row, where the full one (two readings of the whole
# description) is stored out of line and must be fetched and decompressed for every
# match to rank (docs/performance.md). A match by place or domain label (the first line
# of the search terms, weight D) ranks after the matches in the title or summary, a
# match in the description or a domain's synonym alone after them all, then by start
# date. Migration 0017 keeps this vector in the row (storage MAIN).
_NAMED_SQL = "split_part(m.search_terms, chr(10), 1)"  # search_terms' first line
_RANK_PIECES = (
    ("m.title", "A"),
    ("m.summary", "B"),
    (_NAMED_SQL, "D"),
)


def _vector_sql(pieces) -> str:
    return " || ".join(
        f"setweight(to_tsvector('{config}'::regconfig, coalesce({text}, '')), '{weight}')"
        for text, weight in pieces
        for config in SEARCH_CONFIGS
    )


VECTOR_SQL = _vector_sql(_PIECES)
RANK_VECTOR_SQL = _vector_sql(_RANK_PIECES)
# The SET clause of an UPDATE of missions_mission AS m joined to its association AS a.
SET_VECTORS_SQL = f"search_vector = {VECTOR_SQL}, search_rank_vector = {RANK_VECTOR_SQL}"
UPDATE_VECTORS_SQL = (
    f"UPDATE missions_mission AS m SET {SET_VECTORS_SQL} "  # noqa: S608 - constants
    "FROM associations_association AS a WHERE a.id = m.association_id AND m.id = ANY(%s)"
)

_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without accents: "Santé ŒUVRE" → "sante oeuvre"."""
    text = text.casefold().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def searchable_text(
    *, title: str, summary: str, description: str, skills: str, association: str, terms: str = ""
):
    """The folded text the portable search reads (``terms``: ``search_terms``' words)."""
    return fold(" ".join((title, association, summary, skills, description, terms)))


SEARCH_LANGUAGES = ("fr", "en")


def _in_each_language(read: Callable[[], object]) -> list[str]:
    """What ``read()`` says in French and in English, each reading once."""
    readings = []
    for language in SEARCH_LANGUAGES:
        with translation.override(language):
            readings.append(str(read() or ""))
    return [reading for reading in dict.fromkeys(readings) if reading]


@lru_cache(maxsize=512)
def place_terms(country: str) -> str:
    """A country's names and its continent's, in French and in English."""
    if not country:
        return ""
    names = _in_each_language(lambda: countries.name(country))
    region = region_of(country)
    if region is not None:
        names += _in_each_language(lambda: Region(region).label)
    return " ".join(names)


@lru_cache(maxsize=64)
def domain_labels(domain: str) -> str:
    """A domain's labels in French and English."""
    if domain not in Domain.values:
        return ""
    return " ".join(_in_each_language(lambda: Domain(domain).label))


def search_terms(*, place: str, country: str, domain: str) -> str:
    """The words a mission is found by besides its own texts (stored in ``search_terms``).

    Two lines: what names the mission (city, country, continent, domain labels), which
    both finds and ranks it, then the domain's synonyms (``DOMAIN_WORDS``), which only
    find it: the ranking vector reads the first line alone (``_NAMED_SQL``), so that it
    stays small.
    """
    named = (place, place_terms(str(country or "")), domain_labels(domain))
    synonyms = DOMAIN_WORDS.get(domain, ())
    return " ".join(part for part in named if part) + "\n" + " ".join(synonyms)


def _stem(word: str) -> str:
    """Drop a plural ending so "enseignants" and "enseignant" meet (portable search)."""
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def query_words(q: str) -> list[str]:
    return [_stem(word) for word in _WORD.findall(fold(q))]


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def refresh_vectors(mission_ids: Iterable[int]) -> None:
    """Rebuild the stored tsvectors of these missions (PostgreSQL only)."""
    ids = list(mission_ids)
    if ids and uses_postgres():
        with connection.cursor() as cursor:
            cursor.execute(UPDATE_VECTORS_SQL, [ids])


def text_query(q: str) -> SearchQuery:
    """The user's words read in French or in English (websearch syntax: "quotes", -not, or)."""
    first, *others = (
        SearchQuery(q, config=config, search_type="websearch") for config in SEARCH_CONFIGS
    )
    for other in others:
        first = first | other
    return first


def matching(queryset: QuerySet, q: str) -> tuple[QuerySet, bool]:
    """Filter ``queryset`` by the words of ``q``; True when a relevance rank is annotated."""
    if uses_postgres():
        query = text_query(q)
        return (
            queryset.filter(search_vector=query).annotate(
                rank=SearchRank(F("search_rank_vector"), query)
            ),
            True,
        )
    words = query_words(q)
    if not words:
        return queryset.none(), False
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=word)
    return queryset.filter(condition), False

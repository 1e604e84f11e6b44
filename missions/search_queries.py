"""A search's filters as one query string: what a saved search keeps, and reads back.

``normalised_query`` writes the validated values of the search form one way (the form's
order, several choices sorted, refused values left out) with "missions I can apply to"
always said (``eligible=1`` or ``eligible=0``: what the page showed when it was saved, so
that a change of the page's default never changes a saved search). ``read_query`` gives
back the ``SearchFilters`` of ``missions.selectors.search`` and the switch: the alerts run
the public search itself (``search_missions``), never a query of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import QueryDict

from .forms import SearchForm
from .search_chips import active_filter_chips
from .selectors.search import SearchFilters, search_filters

NOT_KEPT = {"eligible", "page"}


@dataclass(frozen=True)
class SavedQuery:
    filters: SearchFilters
    eligible: bool


def _as_text(value) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def normalised_query(data, *, eligible: bool) -> str:
    """The query string of the search asked in ``data`` (a QueryDict or a query string)."""
    if isinstance(data, str):
        data = QueryDict(data)
    values = SearchForm(data).valid_values()
    query = QueryDict(mutable=True)
    for name in SearchForm.base_fields:
        value = values.get(name)
        if name in NOT_KEPT or value in (None, "", False) or value == []:
            continue
        if isinstance(value, list | tuple):
            query.setlist(name, sorted(_as_text(item) for item in value))
        else:
            query[name] = _as_text(value).strip()
    query["eligible"] = "1" if eligible else "0"
    return query.urlencode()


def read_query(query: str) -> SavedQuery:
    """The filters a saved query string asks for (a value no longer valid is left out)."""
    data = QueryDict(query)
    values = SearchForm(data).valid_values()
    return SavedQuery(filters=search_filters(values), eligible=data.get("eligible") == "1")


def query_words(query: str) -> list[str]:
    """What a saved query filters on, in words (the search page's chips), in the active
    language: "Sénégal", "Health", "Only missions I can apply to"."""
    data = QueryDict(query)
    form = SearchForm(data)
    values = form.valid_values()
    return [chip.text for chip in active_filter_chips(form=form, values=values, query=data)]

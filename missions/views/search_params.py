"""What a search asks, read from its validated form values: shared by the list, the feed
and the map.

``search_filters`` turns the form's values into ``SearchFilters``.
"""

from __future__ import annotations

from ..selectors.search import SearchFilters


def search_filters(values: dict) -> SearchFilters:
    return SearchFilters(
        q=(values.get("q") or "").strip(),
        countries=tuple(values.get("country") or ()),
        regions=tuple(values.get("region") or ()),
        domains=tuple(values.get("domain") or ()),
        start_from=values.get("start_from"),
        start_to=values.get("start_to"),
        duration_min=values.get("duration_min"),
        duration_max=values.get("duration_max"),
        allowance_min=values.get("allowance_min"),
        language=values.get("language") or "",
        sort=values.get("sort") or "",
    )

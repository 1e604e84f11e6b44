"""The search's results on a world map: ``/missions/map/``, the same parameters as the list.

Each country is shaded by its number of missions found and links to the list filtered on
it (the other filters kept); the same figures follow as a table. Server-rendered SVG
(``missions/world_map.py``), no script. The counts come from ``mission_counts_by_country``,
one GROUP BY over the search's own query.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from ..eligible_switch import eligible_switch_url
from ..forms import SearchForm
from ..search_chips import active_filter_chips
from ..selectors.search import search_filters
from ..selectors.search_map import mission_counts_by_country
from ..selectors.searchers import eligible_filter, searcher_for
from ..world_map import NO_MISSION, class_bounds, legend, map_countries, world_map


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@require_GET
def mission_map(request: HttpRequest) -> HttpResponse:
    """The same searcher as the list (a candidate's "missions I can apply to" on unless the
    URL says ``eligible=0``), the same filters, their missions counted by country."""
    searcher = searcher_for(request)
    form = SearchForm(request.GET or None, eligible_default=searcher.candidate is not None)
    values = form.valid_values() if form.is_bound else {}
    filtering, eligibility_notice = eligible_filter(searcher, values)
    counts = mission_counts_by_country(
        search_filters(values),
        today=timezone.localdate(),
        candidate=searcher.candidate if filtering else None,
    )
    search_url = reverse("missions:search")
    # A country's link: the list with the same filters, on that one country.
    others = _query_without(request, "country", "page")
    prefix = f"{search_url}?{others}&country=" if others else f"{search_url}?country="
    drawn, listed = map_countries(counts, url_for=lambda code: prefix + code)
    list_query = _query_without(request, "page")
    return render(
        request,
        "missions/map.html",
        {
            "form": form,
            "drawn": drawn,
            "listed": listed,
            "unmapped": [country for country in listed if country.shape is None],
            "total": sum(counts.values()),
            "view_box": world_map().view_box,
            "legend": legend(class_bounds(max(counts.values(), default=0))),
            "no_mission_colour": NO_MISSION,
            "list_url": f"{search_url}?{list_query}" if list_query else search_url,
            "filter_chips": active_filter_chips(form=form, values=values, query=request.GET),
            "eligibility_notice": eligibility_notice,
            "missing_facts": list(searcher.missing_facts),
            "filtering_eligible": filtering and searcher.candidate is not None,
            "is_candidate": searcher.candidate is not None,
            "eligible_off_url": eligible_switch_url(request.GET, on=False),
            "eligible_on_url": eligible_switch_url(request.GET, on=True),
        },
    )

"""The public statistics page: anyone, aggregates only (missions/selectors/statistics.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from ..selectors.statistics import CACHE_SECONDS, ROUNDED_TO, SMALL_COUNT, public_statistics_shown


@require_GET
@cache_control(public=True, max_age=CACHE_SECONDS // 4)
def public_statistics(request: HttpRequest) -> HttpResponse:
    figures = public_statistics_shown(today=timezone.localdate())
    return render(
        request,
        "missions/statistics.html",
        {"figures": figures, "small_count": SMALL_COUNT, "rounded_to": ROUNDED_TO},
    )

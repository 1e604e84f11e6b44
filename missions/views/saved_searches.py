"""A volunteer's saved searches (save the search shown, list, rename, alert, delete) and
the one-click unsubscribe of an alert's link.

The unsubscribe address takes a POST without a CSRF token, and only it: RFC 8058's
one-click unsubscribe is a POST a mail client sends on its own (``List-Unsubscribe-Post:
List-Unsubscribe=One-Click``), with no cookie and no token. What protects it is the
signed link (``missions.alert_links``): it can only stop the alerts of the searches it
names. A GET shows a page with a button and changes nothing (mail scanners follow links).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volunteers.selectors import volunteer_of
from volunteers.services import volunteer_get_or_create

from ..alert_links import read_unsubscribe_token
from ..errors import SavedSearchError
from ..models import SavedSearch
from ..saved_search_forms import SavedSearchForm, SaveSearchForm
from ..search_queries import normalised_query, query_words
from ..selectors.saved_searches import saved_search_for_user, saved_searches_of
from ..services import saved_searches as services


def _get_saved_search_for_user(user, pk: int) -> SavedSearch:
    saved_search = saved_search_for_user(user, pk)
    if saved_search is None:
        raise Http404(_("No saved search at this address."))
    return saved_search


def _search_url(query: str) -> str:
    return reverse("missions:search") + (f"?{query}" if query else "")


@login_required
@require_POST
def search_save(request: HttpRequest) -> HttpResponse:
    """Saves the search shown on the search page (its query string and switch)."""
    form = SaveSearchForm(request.POST)
    raw_query = request.POST.get("query", "")[:2000]
    if not form.is_valid():
        messages.error(request, _("Give the search a name to save it."))
        return redirect(_search_url(QueryDict(raw_query).urlencode()))
    query = normalised_query(form.cleaned_data["query"], eligible=form.cleaned_data["eligible"])
    volunteer = volunteer_get_or_create(user=request.user)
    try:
        saved = services.saved_search_create(
            volunteer=volunteer,
            name=form.cleaned_data["name"],
            query=query,
            frequency=form.cleaned_data["frequency"],
            by=request.user,
        )
    except SavedSearchError as error:
        messages.error(request, error.message)
        return redirect(_search_url(query))
    messages.success(
        request,
        _("Search saved as “%(name)s”. Find it, and its alert, under “My saved searches”.")
        % {"name": saved.name},
    )
    return redirect(saved)


@login_required
@require_GET
def saved_searches(request: HttpRequest) -> HttpResponse:
    searches = list(saved_searches_of(volunteer_of(request.user)))
    rows = [
        (
            search,
            query_words(search.query),
            SavedSearchForm(instance=search, prefix=f"s{search.pk}"),
        )
        for search in searches
    ]
    return render(request, "missions/saved_searches.html", {"rows": rows})


@login_required
@require_POST
def saved_search_update(request: HttpRequest, pk: int) -> HttpResponse:
    saved_search = _get_saved_search_for_user(request.user, pk)
    form = SavedSearchForm(request.POST, instance=SavedSearch(), prefix=f"s{pk}")
    if not form.is_valid():
        messages.error(request, _("The search was not changed: give it a name and an alert."))
        return redirect("missions:saved_searches")
    try:
        services.saved_search_update(
            saved_search=saved_search,
            name=form.cleaned_data["name"],
            frequency=form.cleaned_data["frequency"],
            by=request.user,
        )
    except SavedSearchError as error:
        messages.error(request, error.message)
        return redirect("missions:saved_searches")
    messages.success(request, _("Saved search “%(name)s” updated.") % {"name": saved_search.name})
    return redirect("missions:saved_searches")


@login_required
@require_http_methods(["GET", "POST"])
def saved_search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes."""
    saved_search = _get_saved_search_for_user(request.user, pk)
    if request.method == "GET":
        return render(request, "missions/saved_search_delete.html", {"saved_search": saved_search})
    name = saved_search.name
    services.saved_search_delete(saved_search=saved_search, by=request.user)
    messages.success(request, _("Saved search “%(name)s” deleted.") % {"name": name})
    return redirect("missions:saved_searches")


@csrf_exempt  # RFC 8058 one-click: see the module docstring
@require_http_methods(["GET", "POST"])
def alerts_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Stops the alerts a signed link names: GET shows a button, POST stops them."""
    asked = read_unsubscribe_token(token)
    if asked is None:
        return render(request, "missions/alerts_unsubscribe.html", {"invalid": True}, status=400)
    searches = list(
        SavedSearch.objects.filter(
            volunteer_id=asked.volunteer_id, pk__in=asked.saved_search_ids
        ).order_by("name", "pk")
    )
    active = [search for search in searches if search.alerts_on]
    done = False
    if request.method == "POST" and active:
        services.saved_searches_unsubscribe(
            volunteer_id=asked.volunteer_id, saved_search_ids=asked.saved_search_ids
        )
        done = True
    return render(
        request,
        "missions/alerts_unsubscribe.html",
        {"searches": searches, "active": active, "done": done, "token": token},
    )

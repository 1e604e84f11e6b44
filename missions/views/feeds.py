"""The Atom feed of a search: ``/missions/feed/`` reads the same parameters as ``/missions/``.

Django's syndication framework writes it (``Atom1Feed``). The filters go through the
search's own form, so a value the form refuses is left out, as on the search page, and
never makes an error; the missions come from the search itself
(``selectors.sharing.feed_missions``), the newest first, at most ``FEED_SIZE``. "Missions I
can apply to" is a person's own question: a feed reader asks without an account, so the
feed leaves it out. The feed is written in the language of the request (the locale
middleware's choice), or in the one its ``lang`` parameter names: the search page links
to the feed with its own language, so a feed reader (which has no cookie) gets the words
the person read.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django_countries import countries

from vsi_portal.formats import format_day, format_euros, site_url

from ..forms import SearchForm
from ..models import Mission
from ..search_chips import active_filter_chips
from ..selectors.search import SearchFilters
from ..selectors.sharing import feed_missions
from .search_params import search_filters

# What a feed reader cannot ask: its own eligibility, an order (always the newest first), a page.
NOT_IN_FEED = ("eligible", "sort", "page", "lang")


@dataclass(frozen=True)
class FeedQuery:
    filters: SearchFilters
    filter_texts: tuple[str, ...]  # the active filters in words ("Sénégal", "Santé")
    query: str  # the search's parameters, for the links ("country=SN&domain=health")


def feed_language(request: HttpRequest) -> str:
    """The ``lang`` parameter when it names a language of the portal, else the request's."""
    asked = request.GET.get("lang", "")
    return asked if asked in dict(settings.LANGUAGES) else translation.get_language()


class SearchFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        language = feed_language(request)
        with translation.override(language):
            response = super().__call__(request, *args, **kwargs)
        response.headers["Content-Language"] = language
        return response

    def get_object(self, request: HttpRequest, *args, **kwargs) -> FeedQuery:
        query = QueryDict(mutable=True)
        for name, values in request.GET.lists():
            if name not in NOT_IN_FEED:
                query.setlist(name, values)
        form = SearchForm(query or None)
        values = form.valid_values() if form.is_bound else {}
        chips = active_filter_chips(form=form, values=values, query=query) if values else []
        return FeedQuery(
            filters=search_filters(values),
            filter_texts=tuple(chip.text for chip in chips),
            query=validated_query(values),
        )

    # --- The feed ---

    def title(self, obj: FeedQuery) -> str:
        if not obj.filter_texts:
            return _("VSI missions open to applications")
        return _("Missions: %(filters)s") % {"filters": ", ".join(obj.filter_texts)}

    def subtitle(self, obj: FeedQuery) -> str:
        return _(
            "International Solidarity Volunteering missions open to applications, published "
            "by associations approved by the State: the newest first."
        )

    def link(self, obj: FeedQuery) -> str:
        return _with_query(settings.SITE_URL + reverse("missions:search"), obj.query)

    def feed_url(self, obj: FeedQuery) -> str:
        query = obj.query + ("&" if obj.query else "") + f"lang={translation.get_language()}"
        return _with_query(settings.SITE_URL + reverse("missions:feed"), query)

    def author_name(self) -> str:
        return _("VSI Portal")

    def items(self, obj: FeedQuery) -> list[Mission]:
        return feed_missions(obj.filters, today=timezone.localdate())

    # --- Each mission ---

    def item_title(self, item: Mission) -> str:
        return item.title  # Atom's <title> is text: the XML writer escapes it

    def item_link(self, item: Mission) -> str:
        return site_url(item)

    def item_description(self, item: Mission) -> str:
        """The summary and the facts of a result card, as HTML (Atom's ``type="html"``)."""
        where = str(countries.name(item.country.code))
        if item.place:
            where = f"{where}, {item.place}"
        facts = _(
            "%(where)s · from %(start)s to %(end)s · %(amount)s a month · apply by %(deadline)s"
        ) % {
            "where": where,
            "start": format_day(item.start_on),
            "end": format_day(item.end_on),
            "amount": format_euros(item.allowance_eur),
            "deadline": format_day(item.application_deadline),
        }
        return format_html("<p>{}</p><p>{}</p>", item.summary, facts)

    def item_pubdate(self, item: Mission):
        return item.published_at

    def item_updateddate(self, item: Mission):
        return item.updated_at

    def item_author_name(self, item: Mission) -> str:
        return item.association.name

    def item_author_link(self, item: Mission) -> str:
        return site_url(item.association)

    def item_categories(self, item: Mission) -> list[str]:
        return [item.get_domain_display()]


def validated_query(values: dict) -> str:
    """The search's parameters from the form's valid values only, in the form's order: the
    feed's links and its id never carry a refused value nor a parameter the search ignores."""
    query = QueryDict(mutable=True)
    for name in SearchForm.base_fields:
        value = values.get(name)
        if name in NOT_IN_FEED or value in (None, "", False) or value == []:
            continue
        items = value if isinstance(value, list | tuple) else [value]
        query.setlist(name, [str(item) for item in items])
    return query.urlencode()


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url

"""Admin list filters shared by the apps' admin pages.

`CountrySearchFilter` replaces the admin's default country filter, a list of the 250
countries (6,400 px tall): a text box where the reviewer types a country's name, in the
page's language or in English, with or without accents, or its ISO code; the browser
suggests names as they type (a `<datalist>`, no JavaScript needed).
"""

from __future__ import annotations

import unicodedata

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django_countries import countries


def _folded(text: str) -> str:
    """Lower-case, without accents: "Sénégal" and "senegal" are the same search."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def country_codes_matching(text: str) -> list[str]:
    """The ISO codes of the countries whose code is `text`, or whose name (in the current
    language or in English) contains it."""
    wanted = _folded(text.strip())
    if not wanted:
        return []
    with override("en"):
        english = {code: _folded(name) for code, name in countries}
    return [
        code
        for code, name in countries
        if wanted == code.casefold() or wanted in _folded(name) or wanted in english[code]
    ]


class CountrySearchFilter(admin.SimpleListFilter):
    """Filters a changelist on its `country` field by a typed country name or code."""

    title = _("country")
    parameter_name = "country"
    field_name = "country"
    template = "admin/filters/country_search.html"

    def lookups(self, request, model_admin):
        # Only suggestions for the datalist; the filter itself reads the typed text.
        return list(countries)

    def has_output(self) -> bool:
        return True

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(**{f"{self.field_name}__in": country_codes_matching(self.value())})

    def choices(self, changelist):
        # One entry, for the template: the other parameters to keep, and "All".
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "value": self.value() or "",
            "kept_params": [
                (name, value)
                for name, value in changelist.params.items()
                if name != self.parameter_name
            ],
            "suggestions": self.lookup_choices,
        }

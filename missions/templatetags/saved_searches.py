"""``{% save_search_form %}``: the search page's "save this search" form, built here so
that the search view stays as it is (its context gives the query and the switch)."""

from __future__ import annotations

from django import template

from ..saved_search_forms import SaveSearchForm

register = template.Library()


@register.inclusion_tag("missions/_save_search_form.html", takes_context=True)
def save_search_form(context) -> dict:
    form = SaveSearchForm(
        initial={
            "query": context.get("querystring", ""),
            "eligible": bool(context.get("filtering_eligible")),
        },
        auto_id="save-search-%s",
    )
    return {"form": form, "csrf_token": context.get("csrf_token")}

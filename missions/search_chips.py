"""The active filters of a search, as removable chips above its results.

Each chip names one value the search is filtered on ("Sénégal", "Starts from: 1 March
2027") and links to the same search without that value, so a person sees at a glance why
they get these results, and undoes one filter in one click, with or without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

from vsi_portal.formats import format_day, format_euros

# The filters whose values are lists: one chip for each value.
LIST_FILTERS = ("country", "region", "domain")
# What the chips never show: the order of the results is not a filter.
NOT_FILTERS = ("sort", "page")


@dataclass(frozen=True)
class FilterChip:
    text: str
    remove_url: str  # the search without this value: "?…" (or "?" when none is left)


def _flat_choices(choices) -> dict[str, str]:
    """``{value: label}`` of choices that may be grouped (countries by continent)."""
    flat: dict[str, str] = {}
    for value, label in choices:
        if isinstance(label, list | tuple):
            flat.update(_flat_choices(label))
        else:
            flat[str(value)] = str(label)
    return flat


def _without(query: QueryDict, name: str, value: str | None = None) -> str:
    remaining = query.copy()
    for ignored in NOT_FILTERS[1:]:
        remaining.pop(ignored, None)
    if name == "eligible":  # absent means "the default", on for a candidate: say "off"
        remaining[name] = "0"
    elif value is None:
        remaining.pop(name, None)
    else:
        remaining.setlist(name, [kept for kept in remaining.getlist(name) if kept != value])
    return "?" + remaining.urlencode()


def _scalar_text(name: str, value, label: str) -> str:
    if name == "q":
        return _("Words: “%(words)s”") % {"words": value}
    if name == "eligible":
        return label
    if name in ("start_from", "start_to"):
        return _("%(filter)s: %(value)s") % {"filter": label, "value": format_day(value)}
    if name == "allowance_min":
        return _("At least %(amount)s a month") % {"amount": format_euros(value)}
    if name == "duration_min":
        return _("At least %(months)s months") % {"months": value}
    if name == "duration_max":
        return _("At most %(months)s months") % {"months": value}
    return _("%(filter)s: %(value)s") % {"filter": label, "value": value}


def active_filter_chips(*, form, values: dict, query: QueryDict) -> list[FilterChip]:
    """The chips of the valid values of a bound ``SearchForm`` (``values``: its cleaned
    data), in the form's order; ``query``: the request's GET."""
    chips: list[FilterChip] = []
    for name, field in form.fields.items():
        value = values.get(name)
        if name in NOT_FILTERS or value in (None, "", False, [], ()):
            continue
        if name in LIST_FILTERS:
            labels = _flat_choices(field.choices)
            chips += [
                FilterChip(
                    text=labels.get(str(item), str(item)), remove_url=_without(query, name, item)
                )
                for item in value
            ]
        elif name == "language":
            labels = _flat_choices(field.choices)
            text = _("%(filter)s: %(value)s") % {
                "filter": field.label,
                "value": labels.get(str(value), value),
            }
            chips.append(FilterChip(text=text, remove_url=_without(query, name)))
        else:
            text = _scalar_text(name, value, str(field.label))
            chips.append(FilterChip(text=text, remove_url=_without(query, name)))
    return chips

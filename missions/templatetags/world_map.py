"""``{% world_map_image drawn %}`` and ``{% world_map_links drawn %}``: the search map's two
SVG layers, written in Python.

250 shapes and 80 kB of path data through the template engine (a loop, escaping each
path) cost more than the rest of the page; here each shape is one f-string of data
checked once when the shapes are read (``missions.world_map``). Names and addresses are
escaped.
"""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

from missions.world_map import NO_MISSION

register = template.Library()


@register.simple_tag
def world_map_image(drawn) -> SafeString:
    """Every shape, shaded; a country with missions has an id the links layer reuses."""
    parts = []
    for country in drawn:
        shape, code = country.shape, escape(country.code)
        if country.count:
            parts.append(
                f'<path id="map-{code}" class="has-missions" d="{shape.d}" '
                f'fill="{country.colour}"/>'
            )
            if shape.dot:
                x, y = shape.dot
                parts.append(
                    f'<circle id="map-dot-{code}" class="has-missions" cx="{int(x)}" '
                    f'cy="{int(y)}" r="7" fill="{country.colour}"/>'
                )
        elif shape.d:
            parts.append(f'<path d="{shape.d}" fill="{NO_MISSION}"/>')
    return mark_safe("".join(parts))  # noqa: S308 - checked path data, escaped codes


@register.simple_tag
def world_map_links(drawn) -> SafeString:
    """Over the image, each country with missions as a link to the search on it, with a
    tooltip (the image's own shapes, by <use>)."""
    parts = []
    for country in drawn:
        if not country.count:
            continue
        code = escape(country.code)
        title = ngettext(
            "%(name)s: %(counter)s mission", "%(name)s: %(counter)s missions", country.count
        ) % {"name": country.name, "counter": country.count}
        dot = f'<use href="#map-dot-{code}"/>' if country.shape.dot else ""
        parts.append(
            f'<a href="{escape(country.url)}" tabindex="-1" data-country="{code}">'
            f'<title>{escape(title)}</title><use href="#map-{code}"/>{dot}</a>'
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped

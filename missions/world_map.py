"""The search map's drawing: country shapes, shading classes, and what each country shows.

The shapes are Natural Earth's 1:50m countries (world-atlas 2.0.2, ISC licence), projected
(Equal Earth) and simplified once by ``scripts/world_map.py`` into
``missions/data/world_map/countries.json``, an SVG path per ISO 3166-1 alpha-2 code. The
page draws them inline: no tiles, no script, nothing fetched outside the portal. A
destination without a shape (a few small islands) is only in the table below the map.

Counts are shaded in five classes of a colour-blind-safe sequential palette (viridis):
up to 5 missions one class a count, beyond that classes of equal ratio (for 1,500: 1-5,
6-19, 20-81, 82-348, 349-1,500), so that one country with hundreds of missions leaves
the others readable.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language
from django_countries import countries

from .search import fold

DATA = Path(__file__).resolve().parent / "data" / "world_map" / "countries.json"
CLASSES = 5
# viridis (from 0.85 down to 0), lightest first: 5 steps of one hue ramp that stay apart
# with every common colour-vision deficiency, the lightest darker than the grey of a
# country without missions (which also has no dark outline).
PALETTE = ("#a2da37", "#4ac16d", "#1f988b", "#365c8d", "#440154")
NO_MISSION = "#e9ecef"


@dataclass(frozen=True)
class Shape:
    d: str
    dot: tuple[int, int] | None = None


@dataclass(frozen=True)
class WorldMap:
    view_box: str
    shapes: dict[str, Shape]


# What a path may hold: the page writes it as is, unescaped (templatetags/world_map.py).
_PATH_DATA = re.compile(r"^[Mlz0-9 -]*$")


@cache
def world_map() -> WorldMap:
    """The shapes, read once per process."""
    document = json.loads(DATA.read_text(encoding="utf-8"))
    for code, shape in document["countries"].items():
        if not (re.fullmatch(r"[A-Z]{2}", code) and _PATH_DATA.match(shape["d"])):
            raise ValueError(f"{DATA}: unexpected shape {code!r}")
    shapes = {
        code: Shape(d=shape["d"], dot=tuple(shape["dot"]) if "dot" in shape else None)
        for code, shape in document["countries"].items()
    }
    return WorldMap(view_box=" ".join(str(n) for n in document["viewBox"]), shapes=shapes)


def class_bounds(highest: int) -> list[int]:
    """The upper bound of each shading class for counts from 1 to ``highest``.

    Up to 5, one count a class (1, 2, 3, 4, 5); above, bounds of equal ratio
    (``highest`` ** (k / 5)), never two classes with the same bound.
    """
    if highest <= CLASSES:
        return list(range(1, max(highest, 1) + 1))
    bounds: list[int] = []
    for k in range(1, CLASSES + 1):
        bound = math.ceil(highest ** (k / CLASSES) - 1e-9)
        bounds.append(max(bound, bounds[-1] + 1 if bounds else 1))
    bounds[-1] = highest
    return bounds


def class_of(count: int, bounds: list[int]) -> int:
    """The shading class (0 = lightest) of a count of at least 1."""
    for index, bound in enumerate(bounds):
        if count <= bound:
            return index
    return len(bounds) - 1


@dataclass(frozen=True)
class LegendStep:
    low: int
    high: int
    colour: str


def legend(bounds: list[int]) -> list[LegendStep]:
    steps, low = [], 1
    for index, bound in enumerate(bounds):
        steps.append(LegendStep(low=low, high=bound, colour=PALETTE[index]))
        low = bound + 1
    return steps


@cache
def _country_names(language: str | None) -> dict[str, str]:
    """Country names in ``language`` (the active one), built once: ``countries.name``
    translates the whole list on each call, and the map names 250 countries."""
    return {code: str(name) for code, name in countries}


@dataclass(frozen=True)
class MapCountry:
    code: str
    name: str
    count: int
    colour: str
    url: str
    shape: Shape | None


def map_countries(counts: dict[str, int], *, url_for) -> tuple[list[MapCountry], list[MapCountry]]:
    """What the page shows: every shape (shaded, or grey without missions) in drawing
    order, and the countries with missions by count (most first), then name.

    ``url_for(code)`` gives the search filtered on a country. Names are in the active
    language; a code django-countries does not know (Kosovo's XK) is drawn, never named.
    """
    bounds = class_bounds(max(counts.values(), default=0))
    shapes = world_map().shapes
    names = _country_names(get_language())
    drawn, listed = [], []
    for code in sorted(set(shapes) | set(counts)):
        count = counts.get(code, 0)
        colour = PALETTE[class_of(count, bounds)] if count else NO_MISSION
        country = MapCountry(
            code=code,
            name=names.get(code, code),
            count=count,
            colour=colour,
            url=url_for(code) if count else "",
            shape=shapes.get(code),
        )
        if country.shape is not None:
            drawn.append(country)
        if count:
            listed.append(country)
    listed.sort(key=lambda country: (-country.count, fold(country.name)))
    return drawn, listed

"""Builds the search map's country shapes from the world-atlas package (Natural Earth).

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/world_map.py package/countries-50m.json

Run once, offline, when the source changes; the output is committed:
missions/data/world_map/countries.json (with the source's LICENSE and README.md beside it),
which ``missions/world_map.py`` reads. world-atlas is Natural Earth's 1:50m admin-0
countries as TopoJSON (ISC licence; Natural Earth is in the public domain), keyed by ISO
3166-1 numeric codes. This script:

- decodes the TopoJSON arcs, projects them with the Equal Earth projection (equal areas,
  so a country's size on the map is its size on the ground) and simplifies each arc once
  (Douglas-Peucker in map units): neighbours keep one shared border, without gaps;
- keys each country by its ISO 3166-1 alpha-2 code (django-countries' own reading of the
  numeric code), splits France's overseas departments (GF, GP, MQ, RE, YT) and Svalbard
  (SJ) from the State that holds them, as the portal counts them as destinations of their
  own, joins Somaliland to Somalia and Northern Cyprus to Cyprus (as ISO 3166 does), and
  drops Antarctica and the shapes ISO does not name (Kosovo keeps XK, drawn but never a
  destination);
- writes each country's SVG path (absolute then relative moves, whole map units) and the
  map's viewBox. A country too small to see (or only atolls smaller than a unit) keeps
  its centre, where the map draws a dot.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "missions" / "data" / "world_map" / "countries.json"

WIDTH = 2000.0  # map units across the whole world; the page scales the SVG (viewBox)
TOLERANCE = 0.5  # Douglas-Peucker tolerance, in map units
SMALL = 10.0  # a shape narrower and lower than this many units also gets a dot

# Shapes without an ISO code: joined to the State ISO 3166 counts them in, or named.
UNNAMED = {"Somaliland": "SO", "N. Cyprus": "CY", "Kosovo": "XK"}
# Parts of a State the portal counts as destinations of their own: (west, south, east,
# north) in degrees around each part.
PARTS = {
    "FR": {
        "GF": (-55.0, 1.5, -51.0, 6.0),
        "GP": (-62.0, 15.8, -61.0, 16.6),
        "MQ": (-61.3, 14.3, -60.7, 15.0),
        "RE": (55.0, -21.5, 56.0, -20.7),
        "YT": (44.9, -13.1, 45.4, -12.5),
    },
    "NO": {"SJ": (10.0, 74.0, 35.0, 81.0)},
}
DROPPED = {"AQ"}  # Antarctica: no mission there, and a third of the map's height

# Equal Earth (Šavrič, Patterson, Jenny 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


X_MAX = equal_earth(180, 0)[0]
SCALE = WIDTH / (2 * X_MAX)


def to_map(lon: float, lat: float) -> tuple[float, float]:
    x, y = equal_earth(lon, lat)
    return (x + X_MAX) * SCALE, -y * SCALE  # y grows downwards in SVG


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Each arc's points in degrees (TopoJSON quantised, delta-encoded positions)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, keeping both ends (the junctions neighbours share)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            px, py = points[index]
            if length:
                d = abs(dy * (px - x1) - dx * (py - y1)) / length
            else:
                d = math.hypot(px - x1, py - y1)
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep[farthest] = True
            stack.extend(((first, farthest), (farthest, last)))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def path_of(rings: list[list[tuple[int, int]]]) -> str:
    """One SVG path: each ring an absolute move, then relative lines, closed."""
    parts = []
    for ring in rings:
        (x0, y0), previous, steps = ring[0], ring[0], []
        for x, y in ring[1:]:
            steps.append(f"{x - previous[0]} {y - previous[1]}".replace(" -", "-"))
            previous = (x, y)
        parts.append(f"M{x0} {y0}l" + " ".join(steps).replace(" -", "-") + "z")
    return "".join(parts)


def part_of(code: str, lon_lat_points: list[tuple[float, float]]) -> str:
    """The ISO code of the part of ``code``'s State this polygon lies in."""
    lon = sum(point[0] for point in lon_lat_points) / len(lon_lat_points)
    lat = sum(point[1] for point in lon_lat_points) / len(lon_lat_points)
    for part, (west, south, east, north) in PARTS.get(code, {}).items():
        if west <= lon <= east and south <= lat <= north:
            return part
    return code


def build(source: Path) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsi_portal.settings")
    import django

    django.setup()
    from django_countries import countries

    topology = json.loads(source.read_text(encoding="utf-8"))
    degrees = decode_arcs(topology)
    projected = [simplify([to_map(*point) for point in arc], TOLERANCE) for arc in degrees]
    rings_by_code: dict[str, list[list[tuple[int, int]]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        code = countries.alpha2(int(geometry["id"])) if geometry.get("id") else UNNAMED.get(name)
        if not code or code in DROPPED:
            print(f"  left out: {name} ({geometry.get('id')})")
            continue
        for polygon in polygons_of(geometry):
            owner = part_of(code, ring_points(polygon[0], degrees))
            for ring in polygon:
                points = [(round(x), round(y)) for x, y in ring_points(ring, projected)]
                points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
                if len(points) > 1 and points[-1] == points[0]:
                    points.pop()  # "z" closes the ring
                if len(set(points)) >= 3:
                    rings_by_code.setdefault(owner, []).append(points)
                elif ring is polygon[0]:  # an island smaller than a unit: a dot will show it
                    rings_by_code.setdefault(owner, [])
                    rings_by_code[owner].append(points[:1] * 3)
    shapes, left, top, right, bottom = {}, math.inf, math.inf, -math.inf, -math.inf
    for code in sorted(rings_by_code):
        rings = rings_by_code[code]
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        left, right = min(left, *xs), max(right, *xs)
        top, bottom = min(top, *ys), max(bottom, *ys)
        drawable = [ring for ring in rings if len(set(ring)) >= 3]
        shape = {"d": path_of(drawable)}
        if not drawable or (max(xs) - min(xs) < SMALL and max(ys) - min(ys) < SMALL):
            shape["dot"] = [round((min(xs) + max(xs)) / 2), round((min(ys) + max(ys)) / 2)]
        shapes[code] = shape
    margin = 8
    view_box = [left - margin, top - margin, right - left + 2 * margin, bottom - top + 2 * margin]
    return {
        "source": "world-atlas 2.0.2 countries-50m.json (Natural Earth 4.1.0), ISC licence",
        "projection": "Equal Earth",
        "viewBox": view_box,
        "countries": shapes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="world-atlas's countries-50m.json")
    parser.add_argument("--out", type=Path, default=OUT)
    arguments = parser.parse_args()
    document = build(arguments.source)
    arguments.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    arguments.out.write_text(text + "\n", encoding="utf-8")
    print(f"{len(document['countries'])} countries, {len(text) / 1000:.0f} kB: {arguments.out}")


if __name__ == "__main__":
    main()

"""What a page's <head> tells outside sites: its meta tags and its JSON-LD, read as a
crawler reads them (tests of the sharing meta)."""

from __future__ import annotations

import json
from html.parser import HTMLParser


class Head(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}  # property or name -> content
        self.links: dict[str, str] = {}  # rel -> href
        self.json_ld: list[dict] = []
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and ("property" in attributes or "name" in attributes):
            key = attributes.get("property") or attributes["name"]
            self.meta[key] = attributes.get("content", "")
        elif tag == "link":
            self.links[attributes.get("rel", "")] = attributes.get("href", "")
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_json_ld = True

    def handle_endtag(self, tag):
        self._in_json_ld = self._in_json_ld and tag != "script"

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))

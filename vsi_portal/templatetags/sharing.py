"""What a page tells the sites it is shared on and search engines: full addresses
(``{{ mission|site_url }}``) and schema.org data as JSON-LD (``json_ld_script``).

JSON-LD is data, not a script a browser runs, so the Content-Security-Policy (no inline
script) does not concern it; what must not happen is that a text inside it ends the
``<script>`` element: ``<``, ``>`` and ``&`` are written as JSON escapes
(``\\u003C``…), as Django's ``json_script`` does, and the JSON reads the same.
"""

from __future__ import annotations

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from vsi_portal.formats import site_url as _site_url

register = template.Library()

# Open Graph names a language with its country: the portal's French is France's.
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    """``<script type="application/ld+json">`` holding ``data``, safe in any HTML page."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    # Safe: no "<", ">" nor "&" is left in the JSON (the escapes above).
    escaped = mark_safe(text)  # noqa: S308
    return format_html('<script type="application/ld+json">{}</script>', escaped)


@register.filter
def site_url(obj) -> str:
    """The full address of an object's page on this portal (``SITE_URL`` + its path)."""
    return _site_url(obj)


@register.simple_tag(takes_context=True)
def og_locale(context) -> str:
    """The Open Graph locale of the page's language ("fr_FR", "en_GB")."""
    return OG_LOCALES.get(context.get("LANGUAGE_CODE"), OG_LOCALES["fr"])


@register.simple_tag(takes_context=True)
def og_locale_alternate(context) -> str:
    """The other language's locale: the same address shows it after the switch."""
    other = "fr" if context.get("LANGUAGE_CODE") == "en" else "en"
    return OG_LOCALES[other]

"""``{% export_buttons kind %}``: the buttons that ask for an export of ``kind`` (XLSX, CSV),
with a fresh key each time the page is shown (a double click asks once)."""

from __future__ import annotations

import uuid

from django import template
from django.urls import reverse

from ..models import Export

register = template.Library()


@register.inclusion_tag("missions/_export_buttons.html", takes_context=True)
def export_buttons(context, kind: str, action: str = "") -> dict:
    """``action``: where the form posts (default: the staff's exports; France Volontaires'
    page gives its own)."""
    return {
        "kind": kind,
        "label": Export.Kind(kind).label,
        "action": action or reverse("missions:export_request"),
        "request_key": uuid.uuid4(),
        "formats": Export.Format.choices[::-1],  # XLSX first: what most people open
        "csrf_token": context.get("csrf_token"),
    }

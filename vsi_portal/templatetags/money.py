"""Money in templates, the active language's way (``{{ amount|euros }}``: "1 200 €", "€1,200")."""

from __future__ import annotations

from django import template

from vsi_portal.formats import format_euros

register = template.Library()


@register.filter
def euros(amount) -> str:
    if amount is None or amount == "":
        return ""
    return format_euros(int(amount))

"""Staff-written formatting in templates: ``{{ mission.description|markdown }}`` (safe HTML)
and ``{{ mission.description|markdown_text }}`` (plain text, for text e-mails).
What is allowed and why it is safe: ``vsi_portal/markdown.py``."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from vsi_portal.markdown import markdown_html
from vsi_portal.markdown import markdown_text as as_text

register = template.Library()


@register.filter
def markdown(source) -> str:
    # Safe: markdown_html escapes the text and nh3 keeps only the allowed tags.
    return mark_safe(markdown_html(str(source or "")))  # noqa: S308


@register.filter
def markdown_text(source) -> str:
    return as_text(str(source or ""))

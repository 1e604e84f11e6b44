"""``{% mission_card mission %}``: a mission's card, written in Python.

The search page shows 20 of them; through the template engine (an include, five
``blocktranslate`` and two ``date`` filters each) they were half of the page's cost.
Same markup and the same messages as the template had (docs/performance.md).
"""

from __future__ import annotations

import functools

from django import template
from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext
from django_countries import countries

from missions.models import Domain
from vsi_portal.explanations import explain_reason_briefly
from vsi_portal.formats import format_day, format_euros

register = template.Library()


@functools.cache
def _names(language: str) -> tuple[dict[str, str], dict[str, str]]:
    """Country and domain names in ``language`` (the active one).

    A country's ``.name`` translates the whole list of countries on each call; a card
    shows one name, 20 cards a page.
    """
    return (
        {code: str(name) for code, name in countries},
        {value: str(label) for value, label in Domain.choices},
    )


@functools.lru_cache(maxsize=8192)
def _fact(language: str, kind: str, value) -> str:
    """One line of a card, escaped, in ``language`` (the active one): dates and amounts
    repeat from card to card, their wording is built once."""
    if kind == "start":
        text = gettext("Starts %(start)s") % {"start": format_day(value)}
    elif kind == "months":
        text = ngettext("%(months)s month", "%(months)s months", value) % {"months": value}
    elif kind == "amount":
        text = gettext("%(amount)s a month") % {"amount": format_euros(value)}
    else:
        text = gettext("Apply by %(deadline)s") % {"deadline": format_day(value)}
    return escape(text)


@functools.lru_cache(maxsize=16)
def _detail_url_parts(script_prefix: str) -> tuple[str, str]:
    before, _slug, after = reverse("missions:detail", kwargs={"slug": "0"}).rpartition("0")
    return before, after


@functools.lru_cache(maxsize=64)
def _badge(language: str, reason: str) -> str:
    """A card's eligibility line in ``language`` (the active one): "You can apply", or the
    first reason in a few words (``explain_reason_briefly``)."""
    if not reason:
        text = gettext("You can apply")
        return (
            '    <p class="mb-2"><span class="badge rounded-pill text-bg-success text-wrap '
            f'lh-base">{escape(text)}</span></p>\n'
        )
    text = gettext("You cannot apply: %(reason)s") % {"reason": explain_reason_briefly(reason)}
    return (
        '    <p class="mb-2"><span class="badge rounded-pill text-bg-light border text-wrap '
        f'text-start fw-normal lh-base">{escape(text)}</span></p>\n'
    )


@register.simple_tag
def mission_card(mission, verdict=None) -> str:
    """A result card; with a ``verdict`` (``eligibility.check`` for the person searching),
    its badge says whether they can apply, or the first reason why not."""
    language = get_language() or settings.LANGUAGE_CODE
    badge = ""
    if verdict is not None:
        badge = _badge(language, str(verdict.reasons[0]) if verdict.reasons else "")
    before, after = _detail_url_parts(get_script_prefix())
    facts = "\n".join(
        f'      <li class="list-inline-item">{fact}</li>'
        for fact in (
            _fact(language, "start", mission.start_on),
            _fact(language, "months", mission.duration_months),
            _fact(language, "amount", mission.allowance_eur),
            _fact(language, "deadline", mission.application_deadline),
        )
    )
    place = f" ({escape(mission.place)})" if mission.place else ""
    # Every value is escaped here; the markup around them is ours.
    return mark_safe(  # noqa: S308
        f'<article class="card mb-3" aria-labelledby="mission-{mission.pk}-title">\n'
        '  <div class="card-body">\n'
        f'    <h3 class="h5 card-title" id="mission-{mission.pk}-title">'
        f'<a href="{before}{escape(mission.slug)}{after}">{escape(mission.title)}</a></h3>\n'
        '    <p class="card-subtitle mb-2 text-body-secondary">'
        f"{escape(mission.association.name)} · {escape(country_name(mission.country))}"
        f"{place}</p>\n"
        f"{badge}"
        f'    <p class="card-text">{escape(mission.summary)}</p>\n'
        '    <ul class="list-inline small mb-0">\n'
        '      <li class="list-inline-item"><span class="badge text-bg-light border">'
        f"{escape(domain_name(mission.domain))}</span></li>\n"
        f"{facts}\n"
        "    </ul>\n"
        "  </div>\n"
        "</article>"
    )


@register.filter
def country_name(country) -> str:
    """A mission's country name in the active language (``{{ mission.country|country_name }}``),
    without translating the whole list of countries as ``country.name`` does."""
    code = getattr(country, "code", country)
    return _names(get_language() or settings.LANGUAGE_CODE)[0].get(code, code)


@register.filter
def domain_name(domain: str) -> str:
    """A mission's domain label in the active language (``{{ mission.domain|domain_name }}``)."""
    return _names(get_language() or settings.LANGUAGE_CODE)[1].get(domain, domain)

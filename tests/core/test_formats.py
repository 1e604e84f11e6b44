"""``{{ amount|euros }}``: whole euros in templates, the active language's way."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

from vsi_portal.formats import format_euros


def _render(amount) -> str:
    return Template("{% load money %}{{ amount|euros }}").render(Context({"amount": amount}))


def test_a_french_page_writes_the_amount_as_format_euros_does():
    with translation.override("fr"):
        assert _render(1200) == format_euros(1200)
        assert _render(1200).endswith("€")


def test_an_english_page_puts_the_sign_first():
    with translation.override("en"):
        assert _render(1200) == "€1,200"


def test_no_amount_writes_nothing():
    assert _render(None) == ""

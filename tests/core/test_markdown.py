"""The descriptions' safe Markdown subset (vsi_portal/markdown.py)."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from vsi_portal.markdown import markdown_html, markdown_text


def test_paragraphs_bold_and_italics_are_rendered():
    html = markdown_html("First **bold** and *italic*.\n\nSecond paragraph.")
    assert html == (
        "<p>First <strong>bold</strong> and <em>italic</em>.</p>\n<p>Second paragraph.</p>"
    )


def test_one_line_break_is_kept_as_in_the_descriptions_written_before():
    assert markdown_html("line one\nline two") == "<p>line one<br>\nline two</p>"


def test_bulleted_and_numbered_lists_are_rendered():
    html = markdown_html("- tea\n- rice\n\n1. first\n2. second")
    assert "<ul>\n<li>tea</li>\n<li>rice</li>\n</ul>" in html
    assert "<ol>\n<li>first</li>\n<li>second</li>\n</ol>" in html


def test_a_link_is_kept_with_nofollow_noopener():
    html = markdown_html("See [France Volontaires](https://www.france-volontaires.org/).")
    assert html == (
        '<p>See <a href="https://www.france-volontaires.org/" rel="nofollow noopener">'
        "France Volontaires</a>.</p>"
    )


def test_mailto_links_and_autolinks_are_kept():
    html = markdown_html("[Write](mailto:team@example.org) or <https://example.org/>")
    assert '<a href="mailto:team@example.org" rel="nofollow noopener">Write</a>' in html
    assert '<a href="https://example.org/" rel="nofollow noopener">https://example.org/</a>' in html


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        '<img src="x" onerror="alert(1)">',
        '<a href="https://example.org" onclick="alert(1)">x</a>',
        '<p onmouseover="alert(1)">hover</p>',
        "<iframe src=https://evil.example></iframe>",
        '<div style="background:url(javascript:alert(1))">x</div>',
    ],
)
def test_raw_html_never_becomes_a_tag(source):
    html = markdown_html(source)
    assert "<script" not in html.lower()
    assert "<img" not in html and "<iframe" not in html and "<div" not in html
    # What was typed is shown as text, escaped: no tag carries an attribute of its own.
    assert "<a " not in html and "<p " not in html
    assert html.startswith("<p>&lt;")


@pytest.mark.parametrize(
    "source",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox)",
        "[x](/relative/path)",
        "<javascript:alert(1)>",
    ],
)
def test_links_other_than_http_https_and_mailto_stay_text(source):
    html = markdown_html(source)
    assert "<a" not in html
    assert "href" not in html


def test_a_link_keeps_no_attribute_but_its_address_and_rel():
    html = markdown_html('[x](https://example.org "t\\" onmouseover=\\"alert(1)")')
    assert html == '<p><a href="https://example.org" rel="nofollow noopener">x</a></p>'


def test_images_are_not_rendered():
    html = markdown_html("![a cat](https://example.org/cat.png)")
    assert "<img" not in html


def test_headings_quotes_and_code_stay_as_typed():
    html = markdown_html("# Title\n\n> quote\n\n    code\n\n`tick`")
    assert "<h1" not in html and "<blockquote" not in html
    assert "<code" not in html and "<pre" not in html
    assert "# Title" in html


def test_an_empty_description_renders_nothing():
    assert markdown_html("") == ""
    assert markdown_html("  \n ") == ""


def test_plain_text_keeps_paragraphs_lists_and_link_addresses():
    source = (
        "Working with **us**, you:\n\n- teach;\n- train.\n\n"
        "1. apply\n2. leave\n\nSee [our site](https://example.org/)."
    )
    assert markdown_text(source) == (
        "Working with us, you:\n\n- teach;\n- train.\n\n1. apply\n2. leave\n\n"
        "See our site (https://example.org/)."
    )


def test_plain_text_writes_an_autolink_once():
    assert markdown_text("<https://example.org/>") == "https://example.org/"


def test_the_template_filters_render_safe_html_and_plain_text():
    template = Template("{% load markdown %}{{ text|markdown }}|{{ text|markdown_text }}")
    rendered = template.render(Context({"text": "**a** <b>"}))
    assert rendered == "<p><strong>a</strong> &lt;b&gt;</p>|a &lt;b&gt;"

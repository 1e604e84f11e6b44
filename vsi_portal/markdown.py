"""Light formatting for the texts staff write (a mission's description): a safe Markdown subset.

What a writer may use: paragraphs (a blank line), line breaks, bulleted and numbered lists,
**bold**, *italics* and links (``[words](https://...)``, ``<https://...>``, ``mailto:``).
Everything else reads as typed: headings, quotes, code, tables, images and raw HTML are not
rules of the parser, so ``# Title`` stays "# Title" and ``<script>`` stays text.

Two locks, each enough on its own: markdown-it-py parses the commonmark preset with HTML
off and only the rules above on (``RULES_OFF``), a link to anything but an absolute address
with one of ``LINK_SCHEMES`` staying text as typed (``javascript:``, ``data:``, relative);
then nh3 keeps only the tags of ``ALLOWED_TAGS``, no attribute but ``href`` on links with
those schemes (no relative address: a description is read on other sites too, and in
e-mails), and marks every link ``rel="nofollow noopener"``.

``markdown_html`` gives that HTML (the mission page, the HTML part of an e-mail, JSON-LD's
``description``, which schema.org reads as HTML); ``markdown_text`` gives plain text
(the text part of an e-mail, anywhere markup would show), links written "words (address)".
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset({"p", "ul", "ol", "li", "strong", "em", "a", "br"})
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"

# commonmark's rules turned off: what a description does not need, and what would let a text
# reach outside it (images, raw HTML). Kept: paragraphs, lists, emphasis, links, autolinks,
# backslash escapes, entities, line breaks.
RULES_OFF = [
    "code",
    "fence",
    "blockquote",
    "hr",
    "reference",
    "html_block",
    "heading",
    "lheading",
    "backticks",
    "image",
    "html_inline",
]


@cache
def _parser() -> MarkdownIt:
    # breaks: one line break is a <br>, as the descriptions written before the formatting
    # (plain text shown with |linebreaks) expect.
    parser = MarkdownIt("commonmark", {"html": False, "breaks": True}).disable(RULES_OFF)
    # A link to anything but LINK_SCHEMES stays text, as typed (nh3 checks again).
    parser.validateLink = link_allowed
    return parser


def link_allowed(href: str) -> bool:
    """Whether a link may be kept: an absolute address with one of ``LINK_SCHEMES``."""
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in LINK_SCHEMES and bool(parts.netloc or parts.path)


def markdown_html(source: str) -> str:
    """``source`` as safe HTML (see the module doc); "" for an empty text."""
    if not source or not source.strip():
        return ""
    html = _parser().render(source)
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        # "*": no attribute on every tag (nh3 would keep "title" and "lang" by default).
        attributes={"a": {"href"}, "*": set()},
        link_rel=LINK_REL,
        url_schemes=set(LINK_SCHEMES),
        url_relative="deny",
        strip_comments=True,
    ).strip()


def markdown_text(source: str) -> str:
    """``source`` as plain text: paragraphs apart by a blank line, list items as "- " or
    "1. ", a link as "words (address)" (its address alone when the words are the address)."""
    if not source or not source.strip():
        return ""
    lines: list[str] = []
    lists: list[list] = []  # per open list: [ordered, next number]
    prefix = ""
    for token in _parser().parse(source):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append([token.type == "ordered_list_open", int(token.attrGet("start") or 1)])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists:
                lines.append("")
        elif token.type == "list_item_open":
            ordered, number = lists[-1]
            prefix = "  " * (len(lists) - 1) + (f"{number}. " if ordered else "- ")
            lists[-1][1] = number + 1
        elif token.type == "inline":
            text = _inline_text(token.children or [])
            indent = " " * len(prefix)
            lines.append(prefix + text.replace("\n", "\n" + indent))
            prefix = ""
        elif token.type == "paragraph_close" and not token.hidden:
            lines.append("")
    text = "\n".join(lines).strip()
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text


def _inline_text(children) -> str:
    parts: list[str] = []
    links: list[tuple[str, int]] = []  # (address, where its words start)
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "link_open":
            links.append((str(child.attrGet("href") or ""), len(parts)))
        elif child.type == "link_close" and links:
            href, start = links.pop()
            words = "".join(parts[start:])
            if words.strip() != href.removeprefix("mailto:"):
                parts.append(f" ({href.removeprefix('mailto:')})")
    return "".join(parts)

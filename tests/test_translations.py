"""The catalogues are complete, compiled, and the templates hold no untranslated text.

- Every message of the French and English catalogues is translated and none is fuzzy.
- Each compiled .mo says exactly what its .po says (`make messages` was run after the last
  change of a .po).
- No template shows user-facing words outside {% translate %} / {% blocktranslate %}: text
  between tags, and the aria-label, placeholder, title and alt attributes, hold no letter
  once the template's tags and variables are taken out (a short allow-list aside).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("fr", "en")
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))
CHECKED_ATTRIBUTES = {"aria-label", "placeholder", "title", "alt"}
# Words that are the same in every language: never translated.
ALLOWED_WORDS = {
    "VSI",  # the acronym of the scheme, used as is in English
    "CSV",
    "PDF",
    "JPEG",
    "PNG",
    "WebP",
    "SIRET",
    "RNA",
    "France",
    "Volontaires",
    "English",
    "Français",
}
LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def _catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


def _translation(entry: polib.POEntry):
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
    return entry.msgstr


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    missing = [
        entry.msgid
        for entry in _catalogue(language)
        if not entry.obsolete
        and (not entry.msgstr if not entry.msgid_plural else not all(entry.msgstr_plural.values()))
    ]
    assert not missing, f"{len(missing)} untranslated in {language}: {missing[:20]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_is_fuzzy(language):
    fuzzy = [entry.msgid for entry in _catalogue(language) if entry.fuzzy and not entry.obsolete]
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language} (check and unmark them): {fuzzy[:20]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    folder = ROOT / "locale" / language / "LC_MESSAGES"
    source = {
        (entry.msgctxt, entry.msgid): _translation(entry)
        for entry in _catalogue(language)
        if not entry.obsolete and not entry.fuzzy and entry.translated()
    }
    compiled = {
        (entry.msgctxt, entry.msgid): _translation(entry)
        for entry in polib.mofile(str(folder / "django.mo"))
        if entry.msgid  # the header
    }
    stale = sorted(
        str(key[1])
        for key in source.keys() | compiled.keys()
        if source.get(key) != compiled.get(key)
    )
    assert not stale, (
        f"locale/{language}/LC_MESSAGES/django.mo is out of date for {len(stale)} messages "
        f"(run `make messages`): {stale[:10]}"
    )


# --- Templates ---------------------------------------------------------------------------

_TRANSLATED_BLOCK = re.compile(
    r"{%\s*blocktrans(?:late)?\b.*?%}.*?{%\s*endblocktrans(?:late)?\s*%}", re.DOTALL
)
_COMMENT_BLOCK = re.compile(r"{%\s*comment\b.*?%}.*?{%\s*endcomment\s*%}", re.DOTALL)
_TAG = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.DOTALL)


def _without_template_language(source: str) -> str:
    """The template's raw HTML: translated blocks, comments, tags and variables removed."""
    for pattern in (_COMMENT_BLOCK, _TRANSLATED_BLOCK, _TAG):
        source = pattern.sub("", source)
    return source


class _Words(HTMLParser):
    """Collects the words a reader would see: text nodes and the checked attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._skip += 1
        for name, value in attrs:
            if name in CHECKED_ATTRIBUTES and value:
                self._check(f'{name}="{value}"', value)

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self._check(data.strip(), data)

    def _check(self, shown: str, text: str) -> None:
        words = [word for word in re.findall(r"\w+", text) if LETTER.search(word)]
        if any(word not in ALLOWED_WORDS for word in words):
            self.found.append(shown)


def untranslated_strings(source: str) -> list[str]:
    parser = _Words()
    parser.feed(_without_template_language(source))
    parser.close()
    return parser.found


def test_the_template_scan_finds_raw_text_and_attributes():
    assert untranslated_strings("<p>Bonjour</p>") == ["Bonjour"]
    assert untranslated_strings('<input placeholder="Search">') == ['placeholder="Search"']
    assert untranslated_strings('<img alt="{{ name }} logo">') == ['alt=" logo"']


def test_the_template_scan_accepts_translated_text():
    source = (
        '{% load i18n %}<p title="{% translate \'Hello\' %}">{% translate "Hello" %} · '
        "{{ user.name }}</p>{% blocktranslate trimmed %}Hi {{ name }}{% endblocktranslate %}"
        "{# note #}{% comment %}Why{% endcomment %}<script>let a = 1;</script> VSI – 42 €"
    )
    assert untranslated_strings(source) == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_template_holds_no_untranslated_text(template):
    found = untranslated_strings(template.read_text(encoding="utf-8"))
    assert not found, f"wrap in {{% translate %}}: {found}"


TEXT_TEMPLATES = sorted((ROOT / "templates").rglob("*.txt"))


@pytest.mark.parametrize("template", TEXT_TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_text_template_holds_no_untranslated_text(template):
    """The text part of the e-mails: every word comes from the catalogue too."""
    text = _without_template_language(template.read_text(encoding="utf-8"))
    words = [word for word in re.findall(r"\w+", text) if LETTER.search(word)]
    assert not [word for word in words if word not in ALLOWED_WORDS], text


# --- French typography -------------------------------------------------------------------

_NO_BREAK = {"\u00a0", "\u202f"}
_ENTITY_END = re.compile(r"&(?:[a-zA-Z]+|#\d+);$")


def french_typography_faults(text: str) -> list[str]:
    """Where ``text`` puts : ; ? ! » without a no-break space before it, or « without one
    after it, each with a few characters around it. A sign between two characters that are
    not spaces is inside a URL or a time ("https://", "?q=", "14:30"), not a sentence."""
    faults = []
    for index, character in enumerate(text):
        before, after = text[index - 1 : index], text[index + 1 : index + 2]
        if character == "«":
            wrong = after not in _NO_BREAK
        elif character == ";" and _ENTITY_END.search(text[: index + 1]):
            continue  # the end of an HTML entity ("&lt;"), not a semicolon
        elif character in ":;?!»":
            inside_a_word = before and not before.isspace() and after and not after.isspace()
            wrong = before not in _NO_BREAK and not inside_a_word and bool(before)
        else:
            continue
        if wrong:
            faults.append(text[max(0, index - 15) : index + 5])
    return faults


def test_the_typography_scan_finds_ordinary_spaces_and_none():
    assert french_typography_faults("Mots-clés : « %(words)s »")
    assert french_typography_faults("Mots-clés:")
    assert french_typography_faults("Vraiment ?")


def test_the_typography_scan_accepts_urls_times_entities_and_no_break_spaces():
    assert not french_typography_faults("Voir https://example.org/?q=1 à 14:30.")
    assert not french_typography_faults("affiché «\u00a0&lt;\u00a05\u00a0»")
    assert not french_typography_faults("Mots-clés\u00a0: «\u00a0%(words)s\u00a0»\u00a0!")


def test_french_sets_off_every_colon_question_and_exclamation_mark_with_a_no_break_space():
    faults = {
        entry.msgid: found
        for entry in _catalogue("fr")
        if not entry.obsolete
        for text in (
            [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        )
        if (found := french_typography_faults(text))
    }
    assert not faults, f"{len(faults)} French messages want a no-break space: {faults}"

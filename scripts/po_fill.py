"""Fills the gettext catalogues: French from a JSON file of translations, English as the source.

    python scripts/po_fill.py [translations_fr.json ...]

Source strings are written in English, so the English catalogue takes each
msgid as its own translation; French translations come from the JSON files
given ({msgid: text}, or {msgid: [singular, plural]} for plural forms). Run
it after `make messages` adds new strings, then compile with
`manage.py compilemessages`. Entries it fills lose their fuzzy flag.

French translations are written with French typography whatever the JSON files hold
(``french_typography``): a no-break space (U+00A0) before ":", ";", "?" and "!", inside
« », before "€" and "%", and between the thousands of a number, so a line never breaks
there. ``tests/test_translations.py`` checks the catalogue for it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"

NO_BREAK_SPACE = "\u00a0"
_SPACE_BEFORE_SIGN = re.compile(r"[ \u202f]+(?=[:;?!»€]|%(?![(a-z]))")
_SPACE_AFTER_QUOTE = re.compile(r"(?<=«)[ \u202f]+")
_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}\b)")


def french_typography(text: str) -> str:
    """``text`` with a no-break space wherever French typography wants one: before : ; ? !
    and », after «, before € and % (not a ``%(name)s`` placeholder), between thousands."""
    text = _SPACE_BEFORE_SIGN.sub(NO_BREAK_SPACE, text)
    text = _SPACE_AFTER_QUOTE.sub(NO_BREAK_SPACE, text)
    return _THOUSANDS.sub(NO_BREAK_SPACE, text)


def fill_english() -> int:
    po = polib.pofile(str(LOCALE / "en/LC_MESSAGES/django.po"))
    filled = 0
    for entry in po:
        # The msgid is the English text: always take it, so a fuzzy guess by msgmerge
        # (which fills a new msgid with a similar old string) never survives.
        if entry.msgid_plural:
            wanted = {0: entry.msgid, 1: entry.msgid_plural}
            if entry.msgstr_plural != wanted:
                entry.msgstr_plural = wanted
                filled += 1
        elif entry.msgstr != entry.msgid:
            entry.msgstr = entry.msgid
            filled += 1
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()
    return filled


def fill_french(translations: dict[str, str | list[str]]) -> tuple[int, list[str]]:
    po = polib.pofile(str(LOCALE / "fr/LC_MESSAGES/django.po"))
    filled = 0
    for entry in po:
        text = translations.get(entry.msgid)
        if text is None:
            if "fuzzy" in entry.flags:
                # msgmerge's guess from a similar string: wrong more often than not.
                entry.msgstr = ""
                entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
                entry.flags.remove("fuzzy")
            continue
        if entry.msgid_plural:
            singular, plural = text if isinstance(text, list) else (text, text)
            entry.msgstr_plural = {0: french_typography(singular), 1: french_typography(plural)}
        else:
            entry.msgstr = french_typography(text if isinstance(text, str) else text[0])
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    po.save()
    missing = [e.msgid for e in po if not e.translated()]
    return filled, missing


def main(paths: list[str]) -> int:
    translations: dict = {}
    for path in paths:
        translations.update(json.loads(Path(path).read_text(encoding="utf-8")))
    english = fill_english()
    french, missing = fill_french(translations)
    print(f"en: {english} filled; fr: {french} filled, {len(missing)} still untranslated")
    for msgid in missing:
        print(f"  missing fr: {msgid!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

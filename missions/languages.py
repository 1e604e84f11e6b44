"""The languages missions ask for: reference data, seeded into ``Language`` by migration 0002.

The search form builds its language choices from this list rather than from the table, so
the search page spends no query on it; ``tests/missions`` checks the two stay equal.
"""

from __future__ import annotations

from django.utils.translation import get_language

LANGUAGES = [
    ("ar", "Arabic", "Arabe"),
    ("bm", "Bambara", "Bambara"),
    ("de", "German", "Allemand"),
    ("en", "English", "Anglais"),
    ("es", "Spanish", "Espagnol"),
    ("fa", "Persian", "Persan"),
    ("fr", "French", "Français"),
    ("ff", "Fula", "Peul"),
    ("ht", "Haitian Creole", "Créole haïtien"),
    ("hi", "Hindi", "Hindi"),
    ("id", "Indonesian", "Indonésien"),
    ("it", "Italian", "Italien"),
    ("ja", "Japanese", "Japonais"),
    ("km", "Khmer", "Khmer"),
    ("lo", "Lao", "Lao"),
    ("ln", "Lingala", "Lingala"),
    ("mg", "Malagasy", "Malgache"),
    ("ne", "Nepali", "Népalais"),
    ("pt", "Portuguese", "Portugais"),
    ("qu", "Quechua", "Quechua"),
    ("ru", "Russian", "Russe"),
    ("rw", "Kinyarwanda", "Kinyarwanda"),
    ("sw", "Swahili", "Swahili"),
    ("th", "Thai", "Thaï"),
    ("tr", "Turkish", "Turc"),
    ("uk", "Ukrainian", "Ukrainien"),
    ("vi", "Vietnamese", "Vietnamien"),
    ("wo", "Wolof", "Wolof"),
    ("zh", "Chinese", "Chinois"),
]


def language_choices() -> list[tuple[str, str]]:
    """(code, name in the active language), sorted by name."""
    french = (get_language() or "fr").startswith("fr")
    pairs = [(code, name_fr if french else name_en) for code, name_en, name_fr in LANGUAGES]
    return sorted(pairs, key=lambda pair: pair[1].casefold())

from django.db import migrations

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


def add_languages(apps, schema_editor):
    Language = apps.get_model("missions", "Language")
    for code, name_en, name_fr in LANGUAGES:
        Language.objects.update_or_create(
            code=code, defaults={"name_en": name_en, "name_fr": name_fr}
        )


class Migration(migrations.Migration):
    dependencies = [("missions", "0001_initial")]

    operations = [migrations.RunPython(add_languages, migrations.RunPython.noop)]

"""One association per SIRET or RNA number (issue 14): a unique index on the identifier
normalised in SQL (no spaces, dots or dashes, upper-cased; ``normalised_legal_identifier``).

The identifiers already stored are first written in their normalised form
(``associations.validators.normalize_legal_identifier``: no spaces, dots or dashes, an
upper-case W), so that the unique constraint compares what the forms compare. When two
associations share an identifier, the migration lists them and stops, changing nothing,
rather than failing on the constraint with PostgreSQL's or SQLite's words: France
Volontaires decide which file stands (the other is rejected and its identifier corrected,
or it is deleted), then the migration runs again.
"""

from django.db import migrations, models
from django.db.models import F, Value
from django.db.models.functions import Replace, Upper

from associations.validators import normalize_legal_identifier


def normalise_or_report_duplicates(apps, schema_editor):
    Association = apps.get_model("associations", "Association")
    rows = list(Association.objects.order_by("pk").values_list("pk", "name", "status", "legal_identifier"))
    by_identifier: dict[str, list[tuple]] = {}
    for pk, name, status, identifier in rows:
        by_identifier.setdefault(normalize_legal_identifier(identifier), []).append(
            (pk, name, status, identifier)
        )
    shared = {key: group for key, group in by_identifier.items() if len(group) > 1}
    if shared:
        listed = "\n".join(
            f"  {key}: "
            + "; ".join(f"#{pk} {name!r} ({status}, stored as {stored!r})" for pk, name, status, stored in group)
            for key, group in sorted(shared.items())
        )
        raise RuntimeError(
            "Some associations share a SIRET or RNA number, which the constraint "
            "association_legal_identifier_unique forbids:\n"
            f"{listed}\n"
            "Decide which file stands (reject the other and correct its identifier, or "
            "delete it), then run the migration again. Nothing was changed."
        )
    for key, [(pk, _name, _status, stored)] in by_identifier.items():
        if key != stored:
            Association.objects.filter(pk=pk).update(legal_identifier=key)


class Migration(migrations.Migration):
    dependencies = [
        ("associations", "0004_min_volunteer_age_at_most_30"),
    ]

    operations = [
        migrations.RunPython(normalise_or_report_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="association",
            constraint=models.UniqueConstraint(
                Upper(
                    Replace(
                        Replace(
                            Replace(F("legal_identifier"), Value(" "), Value("")),
                            Value("."),
                            Value(""),
                        ),
                        Value("-"),
                        Value(""),
                    )
                ),
                name="association_legal_identifier_unique",
                violation_error_message=(
                    "An association with this legal identifier is already registered. "
                    "Ask its administrators to invite you."
                ),
            ),
        ),
    ]

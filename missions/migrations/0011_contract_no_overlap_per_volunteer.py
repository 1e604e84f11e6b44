"""No two contracts of one volunteer share a day (issue 14): an exclusion constraint on the
volunteer and the contract's committed period (start to last day), PostgreSQL only.

Before adding it, the contracts already held are checked: overlapping ones (signed at the
same moment by two associations, before this constraint) are listed, and the migration
stops with that list rather than with PostgreSQL's "could not create exclusion constraint".
France Volontaires then decide which contract stands (the other is ended early, or its
dates corrected) and run the migration again. The extension btree_gist lets one GiST index
compare the volunteer's id with "="; it is a trusted extension (PostgreSQL 13 and later).
"""

from django.contrib.postgres.fields.ranges import RangeBoundary
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations
from django.db.models.functions import Coalesce

import vsi_portal.db


def overlapping_contracts(contracts) -> list[tuple[int, int, int]]:
    """(volunteer id, contract id, contract id) for each pair sharing a day."""
    pairs = []
    by_volunteer: dict[int, list[tuple]] = {}
    for pk, volunteer_id, start, end, ended in contracts:
        by_volunteer.setdefault(volunteer_id, []).append((start, ended or end, pk))
    for volunteer_id, spans in sorted(by_volunteer.items()):
        spans.sort()
        for index, (start, last, pk) in enumerate(spans):
            for other_start, _other_last, other_pk in spans[index + 1 :]:
                if other_start > last:
                    break
                pairs.append((volunteer_id, pk, other_pk))
    return pairs


def refuse_overlapping_contracts(apps, schema_editor):
    Contract = apps.get_model("missions", "Contract")
    rows = Contract.objects.filter(volunteer__isnull=False).values_list(
        "pk", "volunteer_id", "start_on", "end_on", "ended_on"
    )
    pairs = overlapping_contracts(rows)
    if pairs and schema_editor.connection.vendor == "postgresql":
        listed = "\n".join(
            f"  volunteer {volunteer}: contracts {first} and {second}"
            for volunteer, first, second in pairs
        )
        raise RuntimeError(
            "Some volunteers hold contracts that share days, which the constraint "
            "contract_no_overlap_per_volunteer forbids:\n"
            f"{listed}\n"
            "Decide which contract stands (end the other early, or correct its dates), "
            "then run the migration again. Nothing was changed."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("missions", "0010_mission_sanity_bounds"),
    ]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(refuse_overlapping_contracts, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="contract",
            constraint=vsi_portal.db.PostgresExclusionConstraint(
                expressions=[
                    ("volunteer", "="),
                    (
                        vsi_portal.db.DateRange(
                            "start_on",
                            Coalesce("ended_on", "end_on"),
                            RangeBoundary(inclusive_lower=True, inclusive_upper=True),
                        ),
                        "&&",
                    ),
                ],
                name="contract_no_overlap_per_volunteer",
                violation_error_message=(
                    "The volunteer already has a contract on some of these days: a volunteer "
                    "serves one contract at a time."
                ),
            ),
        ),
    ]

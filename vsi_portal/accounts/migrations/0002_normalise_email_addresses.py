"""Stores every address in its normalised form (NFKC, case folding: addresses.py), and
reports, without merging or changing them, accounts whose addresses collide once normalised.

Colliding accounts are logged here (logger `vsi_portal.accounts`, a warning per shared
address), and so are accounts whose address the forms now refuse; `manage.py
email_collisions` and the system checks accounts.W001 and W002 list them later.
"""

import logging

from django.db import migrations

from vsi_portal.accounts.addresses import plan_normalisation

logger = logging.getLogger("vsi_portal.accounts")


def normalise_stored_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    plan = plan_normalisation(
        User.objects.order_by("pk").values_list("pk", "email").iterator(chunk_size=2000),
        EmailAddress.objects.order_by("pk")
        .values_list("pk", "user_id", "email")
        .iterator(chunk_size=2000),
    )
    for pk, email in plan.users.items():
        User.objects.filter(pk=pk).update(email=email)
    for pk, email in plan.addresses.items():
        EmailAddress.objects.filter(pk=pk).update(email=email)
    if plan.users or plan.addresses:
        logger.info(
            "Normalised the stored address of %s account(s) and %s address row(s).",
            len(plan.users),
            len(plan.addresses),
        )
    for address, ids in sorted(plan.collisions.items()):
        logger.warning(
            "Accounts %s share the address %r once normalised: left as they were, not "
            "merged (manage.py email_collisions).",
            ", ".join(str(pk) for pk in ids),
            address,
        )
    if plan.unaccepted:
        logger.warning(
            "Accounts %s have an address with a letter beyond ASCII before the @, which the "
            "sign-in form now refuses (manage.py email_collisions).",
            ", ".join(str(pk) for pk in plan.unaccepted),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [
        migrations.RunPython(normalise_stored_addresses, migrations.RunPython.noop),
    ]

"""Invitations store the invited address normalised (vsi_portal/accounts/addresses.py), as
accounts do, so an invitation is matched to its account by plain equality."""

from django.db import migrations

from vsi_portal.accounts.addresses import normalise_email


def normalise_invitation_emails(apps, schema_editor):
    Invitation = apps.get_model("associations", "Invitation")
    for pk, email in Invitation.objects.values_list("pk", "email").iterator(chunk_size=2000):
        normalised = normalise_email(email)
        if normalised != email:
            Invitation.objects.filter(pk=pk).update(email=normalised)


class Migration(migrations.Migration):
    dependencies = [
        ("associations", "0005_legal_identifier_unique"),
    ]

    operations = [
        migrations.RunPython(normalise_invitation_emails, migrations.RunPython.noop),
    ]

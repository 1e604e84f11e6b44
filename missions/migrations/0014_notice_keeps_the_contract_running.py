"""Early ends recorded before notices kept contracts running.

Every early end was recorded by the association's staff: its notice side is the
association. One whose last day is still ahead (recorded with a future last day, and marked
ended at once) runs again until that day, as a notice now does; the daily job ends it the
day after. The certificate it was given at once attested a last day still to come: it is
withdrawn (its number, date and file no longer exist); staff issue the certificate again
after the last day, with a verification code.
"""

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    Contract = apps.get_model("missions", "Contract")
    Contract.objects.filter(notice_given_on__isnull=False, notice_side="").update(
        notice_side="association"
    )
    running = Contract.objects.filter(status="ended_early", ended_on__gte=timezone.localdate())
    running.update(certificate_issued_at=None, certificate_number="")
    running.filter(activated_at__isnull=False).update(status="active")
    running.filter(activated_at__isnull=True).update(status="planned")


class Migration(migrations.Migration):
    dependencies = [("missions", "0013_contract_versions_and_signatures")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

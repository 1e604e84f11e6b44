"""The audit trail names nobody: rows written before carried the actor's e-mail, subject
labels with a person's name ("Extrait de casier judiciaire – <name>", "<name> – <mission>")
and the login typed at a lockout. Each row now names people by account number only, its
subject by kind and number (an association keeps its name), and a lockout keeps the keyed
fingerprint of the login, as `services.audit_record` writes them from now on.

Self-contained (a migration does not import code that may change): the labels and the
fingerprint are written as in `services.person_label`, `neutral_label` and
`login_fingerprint`.
"""

import hashlib
import hmac
import unicodedata

from django.conf import settings
from django.db import migrations

NAMED_SUBJECTS = {"associations.association"}


def _fingerprint(login: str) -> str:
    normalised = unicodedata.normalize("NFKC", str(login or "").strip()).casefold()
    return hmac.new(
        settings.SECRET_KEY.encode(), normalised.encode(), hashlib.sha256
    ).hexdigest()[:16]


def name_nobody(apps, schema_editor):
    AuditEvent = apps.get_model("security", "AuditEvent")
    for event in AuditEvent.objects.order_by("pk").iterator(chunk_size=500):
        changed = []
        if event.actor_id is not None and event.actor_label != f"user #{event.actor_id}":
            event.actor_label = f"user #{event.actor_id}"
            changed.append("actor_label")
        elif event.actor_id is None and event.actor_label:
            event.actor_label = ""  # the account is gone: nothing left to name
            changed.append("actor_label")
        if event.subject_type == "accounts.user":
            label = f"user #{event.subject_id}"
        elif event.subject_type and event.subject_type not in NAMED_SUBJECTS:
            label = f"{event.subject_type} #{event.subject_id}"
        elif not event.subject_type and event.action == "login_locked_out":
            label = ""
        else:
            label = event.subject_label
        if label != event.subject_label:
            event.subject_label = label
            changed.append("subject_label")
        if event.action == "login_locked_out" and "login" in (event.details or {}):
            event.details = {"login_fingerprint": _fingerprint(event.details["login"])}
            changed.append("details")
        if changed:
            event.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [
        ("security", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(name_nobody, migrations.RunPython.noop),
    ]

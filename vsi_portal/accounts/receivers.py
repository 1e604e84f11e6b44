"""allauth's `EmailAddress` rows hold the normalised address, like `User.email`.

allauth saves them itself (sign-up, added addresses, verification) and only lower-cases
them; its lookups then match the normalised address the portal's forms pass. A `pre_save`
receiver is the integration point allauth's model leaves.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models.signals import pre_save
from django.dispatch import receiver

from .addresses import normalise_email


@receiver(pre_save, sender=EmailAddress, dispatch_uid="accounts_normalise_email_address")
def normalise_email_address(sender, instance: EmailAddress, **kwargs) -> None:
    if instance.email:
        instance.email = normalise_email(instance.email)

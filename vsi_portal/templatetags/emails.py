"""The e-mails' shared layout (``templates/outbox/emails/base.html`` and ``base.txt``):
full addresses, since an e-mail is read away from the site."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse

register = template.Library()


@register.simple_tag
def email_site_url() -> str:
    return settings.SITE_URL + "/"


@register.simple_tag
def email_settings_url() -> str:
    """Where a person chooses which e-mails they get (the reminders they may mute)."""
    return settings.SITE_URL + reverse("notifications:settings")

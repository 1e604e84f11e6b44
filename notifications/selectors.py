"""Reads of the notifications app, scoped to who asks."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Notification, NotificationPreference
from .reminders import registered_kinds


def notifications_for_user(user) -> QuerySet[Notification]:
    return Notification.objects.for_user(user).order_by("-created_at", "-pk")


def muted_kinds_for_user(user) -> list[str]:
    preference = NotificationPreference.objects.filter(user=user).first()
    return list(preference.muted_kinds) if preference else []


def reminder_kinds_for_settings() -> list:
    """Every kind the portal sends, essential ones first."""
    return sorted(registered_kinds(), key=lambda kind: not kind.essential)

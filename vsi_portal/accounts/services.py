"""Writes on user accounts."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from .models import User


@transaction.atomic
def user_set_preferred_language(*, user: User, language: str) -> User:
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"language: {language!r} is not offered")
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return user

"""The one-click unsubscribe links of the search alerts: signed, never stored.

A link names the saved searches it stops (those of one alert e-mail for the
``List-Unsubscribe`` header, one for each search's own link) and their volunteer, signed
with the site's secret and a salt of its own (``django.core.signing``): it works without
signing in, and a link altered by a letter is refused. It never expires: the law wants an
unsubscribe link to keep working, and all it can do is stop alerts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "missions.search_alerts.unsubscribe"


@dataclass(frozen=True)
class Unsubscribe:
    volunteer_id: int
    saved_search_ids: tuple[int, ...]


def unsubscribe_token(*, volunteer_id: int, saved_search_ids: Iterable[int]) -> str:
    return signing.dumps(
        {"v": volunteer_id, "s": sorted(set(saved_search_ids))}, salt=SALT, compress=True
    )


def unsubscribe_path(*, volunteer_id: int, saved_search_ids: Iterable[int]) -> str:
    token = unsubscribe_token(volunteer_id=volunteer_id, saved_search_ids=saved_search_ids)
    return reverse("missions:alerts_unsubscribe", kwargs={"token": token})


def unsubscribe_url(*, volunteer_id: int, saved_search_ids: Iterable[int]) -> str:
    path = unsubscribe_path(volunteer_id=volunteer_id, saved_search_ids=saved_search_ids)
    return settings.SITE_URL + path


def read_unsubscribe_token(token: str) -> Unsubscribe | None:
    """What a link asks to stop; None when its signature or its shape is wrong."""
    try:
        payload = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(payload, dict):
        return None
    volunteer_id, ids = payload.get("v"), payload.get("s")
    if not isinstance(volunteer_id, int) or not isinstance(ids, list) or not ids:
        return None
    if not all(isinstance(pk, int) for pk in ids):
        return None
    return Unsubscribe(volunteer_id=volunteer_id, saved_search_ids=tuple(ids))

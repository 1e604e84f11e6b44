"""The registry of reminder kinds, and the helpers a kind's scan uses.

A kind is declared once, in the `reminder_kinds` module (or package) of the app
that owns its subject (autodiscovered when the notifications app is ready):

    register(ReminderKind(
        code="mission_ending",                  # stored in Reminder.kind (at most 40 characters)
        label=gettext_lazy("Mission ending"),   # the settings page, the admin
        essential=False,                        # True: a legal deadline, cannot be muted
        offsets=(60, 14),                       # days before the reference date
        due=mission_ending_due,                 # (today, lookback_days) -> iterable of Due
        render=mission_ending_render,           # (reminder) -> Rendered, in the active language
    ))

A kind may also make a move of its own on its day, before its dues are listed: `act`
(today, dry_run) -> how many rows it moved (or would move, on a dry run, writing nothing),
e.g. closing the applications left unanswered for 30 days. The move must be exactly once
by itself (a conditional UPDATE ... RETURNING): every scan of the kind calls it.

Everything else follows from the registry: the choices of `Reminder.kind`, the
settings page, `send_due_reminders`, and one daily Celery beat entry per kind
(notifications/apps.py). The engine (notifications/services.py) does the rest:
inserts the rows exactly once, claims, sends the e-mail and the in-app
notification, retries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils.translation import get_language

from vsi_portal.formats import tidy_text

CHUNK_SIZE = 1000
KIND_MAX_LENGTH = 40  # Reminder.kind and Notification.kind


@dataclass(frozen=True)
class Due:
    """One reminder that falls due: about `subject`, on `due_on`, for each recipient."""

    subject: models.Model
    due_on: date
    recipients: Sequence[Any]  # users; inactive ones and those who muted the kind are dropped


@dataclass(frozen=True)
class Rendered:
    """A reminder's words in the recipient's language (rendered under translation.override)."""

    title: str  # e-mail subject and notification title
    summary: str  # the notification's text, one or two sentences
    text: str  # e-mail, plain text
    html: str  # e-mail, HTML
    link: str  # a path on this site (e-mails prefix settings.SITE_URL)


@dataclass(frozen=True)
class ReminderKind:
    code: str
    label: str  # a lazy translation
    essential: bool
    offsets: tuple[int, ...]
    due: Callable[[date, int], Iterable[Due]]
    # render and still_due take the Reminder row (not imported: notifications.models
    # reads its choices from this registry).
    render: Callable[[Any], Rendered]
    # Checked again just before sending (a retried row may be days old): False
    # cancels the reminder, e.g. the approval was renewed in the meantime.
    still_due: Callable[[Any], bool] = field(default=lambda reminder: True)
    # A move the scan makes first, on `today` (see the module docstring): (today, dry_run)
    # -> the number of rows moved, or that a dry run would move.
    act: Callable[[date, bool], int] | None = None


_REGISTRY: dict[str, ReminderKind] = {}
# Codes in the order of their first registration (the apps' order in INSTALLED_APPS, then
# each module's): a kind a test unregisters and registers again keeps its place.
_ORDER: list[str] = []


def register(kind: ReminderKind) -> ReminderKind:
    if not kind.code or len(kind.code) > KIND_MAX_LENGTH:
        raise ValueError(f"a reminder kind's code has 1 to {KIND_MAX_LENGTH} characters")
    if kind.code in _REGISTRY and _REGISTRY[kind.code] != kind:
        raise ValueError(f"reminder kind {kind.code!r} is registered twice")
    _REGISTRY[kind.code] = kind
    if kind.code not in _ORDER:
        _ORDER.append(kind.code)
    return kind


def unregister(code: str) -> None:
    _REGISTRY.pop(code, None)


def get_kind(code: str) -> ReminderKind:
    try:
        return _REGISTRY[code]
    except KeyError:
        raise LookupError(f"no reminder kind {code!r} is registered") from None


def registered_kinds() -> list[ReminderKind]:
    """Registered kinds in the order they were first registered."""
    return [_REGISTRY[code] for code in _ORDER if code in _REGISTRY]


def reminder_kind_choices() -> list[tuple[str, str]]:
    """The choices of `Reminder.kind` (a callable: a new kind needs no migration)."""
    return [(kind.code, kind.label) for kind in registered_kinds()]


# --- Helpers for a kind's `due` function --------------------------------------


def reference_windows(
    *, today: date, lookback_days: int, offsets: Iterable[int]
) -> list[tuple[date, date]]:
    """The ranges of reference dates whose reminder falls due in [today - lookback, today].

    A reminder `offset` days before a reference date D falls due on D - offset;
    it is in the window when D lies in [today - lookback + offset, today + offset].
    A negative offset means after the date (-1: the day after).
    """
    return [
        (today - timedelta(days=lookback_days - offset), today + timedelta(days=offset))
        for offset in offsets
    ]


def due_date(
    *, reference: date, today: date, lookback_days: int, offsets: Iterable[int]
) -> date | None:
    """The latest due date of `reference` that lies in the window, or None.

    When the look-back spans two offsets (workers down for weeks), only the
    latest reminder goes out: the earlier one says something no longer true.
    """
    start = today - timedelta(days=lookback_days)
    candidates = [
        reference - timedelta(days=offset)
        for offset in offsets
        if start <= reference - timedelta(days=offset) <= today
    ]
    return max(candidates, default=None)


def date_window_filter(
    field_name: str, *, today: date, lookback_days: int, offsets: Iterable[int]
) -> models.Q:
    """A Q on an (indexed) date column selecting the rows that have a reminder due."""
    q = models.Q()
    for start, end in reference_windows(today=today, lookback_days=lookback_days, offsets=offsets):
        q |= models.Q(**{f"{field_name}__range": (start, end)})
    return q


def in_pk_chunks(queryset: models.QuerySet, *, size: int = CHUNK_SIZE) -> Iterator[list[Any]]:
    """Walks a queryset in primary-key order, `size` rows per query (keyset pagination).

    The last query is the one that returns fewer than `size` rows, so a scan
    with few due rows costs one query whatever the size of the table.
    """
    last_pk = None
    queryset = queryset.order_by("pk")
    while True:
        page = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
        rows = list(page[:size])
        if rows:
            yield rows
        if len(rows) < size:
            return
        last_pk = rows[-1].pk


# Given the rows of one chunk, who receives each row's reminder: the function is called
# once per chunk (load the chunk's recipients in one query), its result once per due row.
# A row's recipients may be empty (the Due is yielded all the same); None: no Due at all.
RecipientsOf = Callable[[list[Any]], Callable[[Any], Sequence[Any] | None]]


def dues_in_window(
    queryset: models.QuerySet,
    *,
    today: date,
    lookback_days: int,
    recipients: RecipientsOf,
    reference: Callable[[Any], date | None] | None = None,
    offsets: Iterable[int] = (),
    due_on: Callable[[Any], date | None] | None = None,
) -> Iterator[Due]:
    """The Due of each row of `queryset` whose reminder falls in [today - lookback_days, today].

    The loop every kind's `due` shares: the rows are walked in primary-key chunks
    (`in_pk_chunks`); a row falls due on the latest date `offset` days before
    `reference(row)` that lies in the window (`due_date`), or, for a kind with a rule
    of its own, on `due_on(row)`; a row whose date is None is skipped. Filter the
    queryset on the indexed date columns first (`date_window_filter`): the walk only
    checks, in Python, the rows the query let through.
    """
    if (reference is None) == (due_on is None):
        raise TypeError("pass either reference= (with offsets=) or due_on=")
    if reference is not None:
        offsets = tuple(offsets)

        def due_on(row: Any) -> date | None:
            day = reference(row)
            if day is None:
                return None
            return due_date(
                reference=day, today=today, lookback_days=lookback_days, offsets=offsets
            )

    return _dues(queryset, due_on=due_on, recipients=recipients)


def _dues(
    queryset: models.QuerySet,
    *,
    due_on: Callable[[Any], date | None],
    recipients: RecipientsOf,
) -> Iterator[Due]:
    for chunk in in_pk_chunks(queryset):
        recipients_of = recipients(chunk)
        for row in chunk:
            day = due_on(row)
            if day is None:
                continue
            users = recipients_of(row)
            if users is not None:
                yield Due(subject=row, due_on=day, recipients=users)


def render_email(*, template: str, context: dict[str, Any], link: str) -> tuple[str, str]:
    """The text and HTML bodies of `<template>.txt` and `<template>.html`.

    `template` names the e-mail in its app's folder, `<app>/emails/<name>` (the HTML
    extends `notifications/emails/base.html`). A reminder's subject is its title
    (`Rendered.title`, also the in-app notification's), so it has no subject template.
    """
    context = {
        **context,
        "link": link,
        "absolute_link": settings.SITE_URL + link,
        "language": get_language() or settings.LANGUAGE_CODE,
    }
    text = tidy_text(render_to_string(f"{template}.txt", context))
    html = render_to_string(f"{template}.html", context)
    return text, html

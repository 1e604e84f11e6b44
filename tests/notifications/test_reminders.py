"""notifications/reminders.py: the registry of kinds, and the helpers a kind's `due` uses."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from functools import partial

import pytest
from django.conf import settings
from django.utils import translation

from associations.models import Association
from notifications import reminders
from notifications.models import Reminder
from notifications.reminders import (
    due_date,
    dues_in_window,
    get_kind,
    reference_windows,
    register,
    registered_kinds,
    unregister,
)
from notifications.tasks import DAILY_SCAN, daily_scan_entries
from tests.factories import AssociationFactory

TODAY = date(2027, 3, 10)


def test_due_date_keeps_only_the_latest_reminder_when_the_window_spans_two_offsets():
    reference = TODAY + timedelta(days=30)
    assert due_date(reference=reference, today=TODAY, lookback_days=70, offsets=(90, 30)) == TODAY


def test_reference_windows_follow_the_offsets():
    assert reference_windows(today=TODAY, lookback_days=7, offsets=(90,)) == [
        (TODAY + timedelta(days=83), TODAY + timedelta(days=90))
    ]


# --- dues_in_window: the loop every kind's `due` shares ----------------------------------------


def _associations(*days_before_expiry):
    return [
        AssociationFactory(approval_expires_on=TODAY + timedelta(days=days))
        for days in days_before_expiry
    ]


def _names(chunk):
    return lambda association: [association.name]


def _walk(**kwargs):
    kwargs.setdefault("recipients", _names)
    return {
        (due.subject.pk, due.due_on): list(due.recipients)
        for due in dues_in_window(
            Association.objects.all(),
            today=TODAY,
            lookback_days=kwargs.pop("lookback", 0),
            **kwargs,
        )
    }


@pytest.mark.django_db
def test_a_row_falls_due_offset_days_before_its_reference_date():
    due_90, due_30, not_due = _associations(90, 30, 45)
    assert _walk(reference=lambda a: a.approval_expires_on, offsets=(90, 30)) == {
        (due_90.pk, TODAY): [due_90.name],
        (due_30.pk, TODAY): [due_30.name],
    }
    assert not_due


@pytest.mark.django_db
def test_the_look_back_catches_earlier_dates_and_keeps_the_latest_per_row():
    # Due 2 days ago (90); due 1 day ago (30) and 61 days ago (90): the latest only.
    missed, spanning = _associations(88, 29)
    assert _walk(reference=lambda a: a.approval_expires_on, offsets=(90, 30), lookback=70) == {
        (missed.pk, TODAY - timedelta(days=2)): [missed.name],
        (spanning.pk, TODAY - timedelta(days=1)): [spanning.name],
    }


@pytest.mark.django_db
def test_a_row_without_reference_date_is_skipped():
    kept, skipped = _associations(90, 90)
    assert _walk(
        reference=lambda a: None if a.pk == skipped.pk else a.approval_expires_on, offsets=(90,)
    ) == {(kept.pk, TODAY): [kept.name]}


@pytest.mark.django_db
def test_a_date_rule_of_the_kinds_own_replaces_the_offsets():
    first, second = _associations(1, 2)
    assert _walk(due_on=lambda a: TODAY if a.pk == second.pk else None) == {
        (second.pk, TODAY): [second.name]
    }
    assert first


@pytest.mark.django_db
def test_empty_recipients_still_make_a_due_and_none_makes_none():
    nobody, no_reminder = _associations(0, 0)

    def recipients(chunk):
        return lambda a: None if a.pk == no_reminder.pk else []

    assert _walk(due_on=lambda a: TODAY, recipients=recipients) == {(nobody.pk, TODAY): []}


@pytest.mark.django_db
def test_recipients_are_loaded_once_per_chunk_in_primary_key_order(monkeypatch):
    monkeypatch.setattr(reminders, "in_pk_chunks", partial(reminders.in_pk_chunks, size=2))
    associations = _associations(0, 0, 0, 0, 0)
    chunks = []

    def recipients(chunk):
        chunks.append([a.pk for a in chunk])
        return _names(chunk)

    assert len(_walk(due_on=lambda a: TODAY, recipients=recipients)) == 5
    pks = [a.pk for a in associations]
    assert chunks == [pks[0:2], pks[2:4], pks[4:5]]


@pytest.mark.parametrize(
    "dates",
    [{}, {"reference": lambda a: TODAY, "offsets": (0,), "due_on": lambda a: TODAY}],
)
def test_exactly_one_date_rule_is_given(dates):
    with pytest.raises(TypeError):
        dues_in_window(
            Association.objects.none(), today=TODAY, lookback_days=0, recipients=_names, **dates
        )


# --- The registry: the one list of kinds --------------------------------------------------------

KIND_CODES = [
    "approval_expiring",
    "departure_prerequisites",
    "mission_ending",
    "certificate_due",
    "end_of_mission_aids",
    "insertion_premium_deadline",
    "applications_waiting",
    "application_expiry_warning",
    "application_expiry",
]


def test_every_kind_is_registered_once_in_a_fixed_order():
    assert [kind.code for kind in registered_kinds()] == KIND_CODES


def test_the_reminder_kind_choices_are_the_registered_kinds_with_their_labels():
    field = Reminder._meta.get_field("kind")
    assert [code for code, _label in field.choices] == KIND_CODES
    with translation.override("fr"):
        assert Reminder(kind="mission_ending").get_kind_display() == "Fin de mission"
        assert dict(field.choices)["approval_expiring"] == (
            "Expiration de l’agrément de l’association"
        )


def test_a_kind_registered_again_keeps_its_place():
    kind = get_kind("departure_prerequisites")
    unregister("departure_prerequisites")
    try:
        assert "departure_prerequisites" not in [k.code for k in registered_kinds()]
    finally:
        register(kind)
    assert [k.code for k in registered_kinds()] == KIND_CODES


def test_a_code_is_registered_only_once_and_fits_the_column():
    kind = get_kind("mission_ending")
    with pytest.raises(ValueError, match="registered twice"):
        register(replace(kind, essential=True))
    with pytest.raises(ValueError, match="40 characters"):
        register(replace(kind, code="x" * 41))
    assert get_kind("mission_ending") is kind


def test_each_registered_kind_has_its_daily_beat_entry():
    assert daily_scan_entries() == {
        f"reminders-{code}": {
            "task": "notifications.tasks.reminders_scan_task",
            "schedule": DAILY_SCAN,
            "args": (code,),
        }
        for code in KIND_CODES
    }
    for name, entry in daily_scan_entries().items():
        assert settings.CELERY_BEAT_SCHEDULE[name] == entry

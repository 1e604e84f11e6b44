"""The contract reminder kinds (missions/reminder_kinds/): due dates, recipients, once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from missions.models import Contract
from missions.reminder_kinds.certificate_due import certificate_due_due
from missions.reminder_kinds.departure_prerequisites import departure_prerequisites_due
from missions.reminder_kinds.end_of_mission_aids import end_of_mission_aids_due
from missions.reminder_kinds.insertion_premium_deadline import insertion_premium_deadline_due
from missions.reminder_kinds.mission_ending import mission_ending_due
from notifications.models import Notification, NotificationPreference, Reminder
from notifications.reminders import registered_kinds
from notifications.services import reminders_scan
from tests.factories import (
    ContractFactory,
    MembershipFactory,
    MissionFactory,
    UserFactory,
    VolunteerFactory,
)
from vsi_portal.entitlements import add_months

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 10)
CONTRACT_KINDS = {
    "departure_prerequisites",
    "mission_ending",
    "certificate_due",
    "end_of_mission_aids",
    "insertion_premium_deadline",
}


def _year_from(start):
    """The last day of a one-year contract starting on ``start`` (12 whole months)."""
    return add_months(start, 12) - timedelta(days=1)


def _year_to(end):
    """The first day of a one-year contract ending on ``end``."""
    return add_months(end + timedelta(days=1), -12)


def _contract(*, start, end, status="planned", country="SN", volunteer=None, **kwargs):
    mission = MissionFactory(start_on=start, end_on=end, country=country)
    return ContractFactory(
        application__mission=mission,
        application__volunteer=volunteer or VolunteerFactory(),
        start_on=start,
        end_on=end,
        status=status,
        **kwargs,
    )


def _complete_checklist(start):
    return {
        "criminal_record_checked_on": start - timedelta(days=60),
        "criminal_record_outcome": "clear",
        "social_security_affiliated_on": start - timedelta(days=1),
        "insurance_reference": "MAIF-2027-1",
        "training_completed_on": start - timedelta(days=45),
    }


def _due(function, today=TODAY, lookback_days=0):
    return {(due.subject.pk, due.due_on) for due in function(today, lookback_days)}


def _ended(last_day, *, status="completed", months=12, **kwargs):
    """A contract abroad of `months` months date-to-date whose last day is `last_day`."""
    start = add_months(last_day + timedelta(days=1), -months)
    return _contract(start=start, end=last_day, status=status, **kwargs)


# --- Registration ---------------------------------------------------------------------------


def test_every_contract_kind_is_registered_with_its_essential_flag():
    registered = {kind.code: kind.essential for kind in registered_kinds()}
    assert set(registered) >= CONTRACT_KINDS
    assert registered["mission_ending"] is False
    for code in CONTRACT_KINDS - {"mission_ending"}:
        assert registered[code] is True


def test_every_contract_kind_has_a_beat_entry(settings):
    scheduled = {
        entry["args"][0] for entry in settings.CELERY_BEAT_SCHEDULE.values() if "args" in entry
    }
    assert scheduled >= CONTRACT_KINDS


# --- Departure prerequisites: 30 days before the start ---------------------------------------


@pytest.mark.parametrize(("days", "due"), [(31, False), (30, True), (29, False)])
def test_departure_reminder_falls_due_30_days_before_the_start(days, due):
    start = TODAY + timedelta(days=days)
    contract = _contract(start=start, end=_year_from(start))
    expected = {(contract.pk, TODAY)} if due else set()
    assert _due(departure_prerequisites_due) == expected


def test_complete_checklist_sends_no_departure_reminder():
    start = TODAY + timedelta(days=30)
    _contract(start=start, end=_year_from(start), **_complete_checklist(start))
    assert _due(departure_prerequisites_due) == set()


@pytest.mark.parametrize(
    "gap",
    [
        {"criminal_record_checked_on": None},
        {"social_security_affiliated_on": None},
        {"social_security_affiliated_on": "after start"},
        {"insurance_reference": ""},
        {"training_completed_on": None},
    ],
)
def test_each_missing_prerequisite_makes_the_departure_reminder_due(gap):
    start = TODAY + timedelta(days=30)
    facts = _complete_checklist(start)
    facts.update(gap)
    if facts["social_security_affiliated_on"] == "after start":
        facts["social_security_affiliated_on"] = start + timedelta(days=1)
    contract = _contract(start=start, end=_year_from(start), **facts)
    assert _due(departure_prerequisites_due) == {(contract.pk, TODAY)}


def test_departure_reminder_is_only_for_planned_contracts():
    start = TODAY + timedelta(days=30)
    _contract(start=start, end=_year_from(start), status="active")
    assert _due(departure_prerequisites_due) == set()


def test_departure_reminder_missed_while_workers_were_down_is_caught():
    start = TODAY + timedelta(days=27)  # fell due three days ago
    contract = _contract(start=start, end=_year_from(start))
    assert _due(departure_prerequisites_due, lookback_days=7) == {
        (contract.pk, TODAY - timedelta(days=3))
    }


def test_departure_reminder_goes_to_the_volunteer_and_the_administrators_not_editors():
    """Only administrators record the checklist (the role matrix): editors are not asked."""
    start = TODAY + timedelta(days=30)
    contract = _contract(start=start, end=_year_from(start))
    admin = MembershipFactory(association=contract.association, role="admin").user
    MembershipFactory(association=contract.association, role="editor")
    MembershipFactory(role="admin")  # another association
    (due,) = departure_prerequisites_due(TODAY, 0)
    assert {user.pk for user in due.recipients} == {contract.volunteer.user_id, admin.pk}


# --- Mission ending: 60 and 14 days before the end -------------------------------------------


@pytest.mark.parametrize(
    ("days", "due"),
    [(61, False), (60, True), (59, False), (15, False), (14, True), (13, False)],
)
def test_mission_ending_falls_due_60_and_14_days_before_the_end(days, due):
    end = TODAY + timedelta(days=days)
    contract = _contract(start=_year_to(end), end=end, status="active")
    expected = {(contract.pk, TODAY)} if due else set()
    assert _due(mission_ending_due) == expected


@pytest.mark.parametrize("status", ["planned", "completed", "ended_early"])
def test_mission_ending_is_only_for_active_contracts(status):
    end = TODAY + timedelta(days=60)
    extra = {"ended_on": end} if status == "ended_early" else {}
    _contract(start=_year_to(end), end=end, status=status, **extra)
    assert _due(mission_ending_due) == set()


def test_mission_ending_goes_to_the_volunteer_and_the_staff():
    end = TODAY + timedelta(days=14)
    contract = _contract(start=_year_to(end), end=end, status="active")
    editor = MembershipFactory(association=contract.association, role="editor").user
    (due,) = mission_ending_due(TODAY, 0)
    assert {user.pk for user in due.recipients} == {contract.volunteer.user_id, editor.pk}


# --- Certificate due: from the day after the end, weekly, until issued ------------------------


@pytest.mark.parametrize(
    ("days_since_last_day", "due_on_offset"),
    [(0, None), (1, 0), (2, None), (7, None), (8, 0), (15, 0), (16, None)],
)
def test_certificate_reminder_falls_due_the_day_after_the_end_then_weekly(
    days_since_last_day, due_on_offset
):
    contract = _ended(TODAY - timedelta(days=days_since_last_day), status="active")
    MembershipFactory(association=contract.association)
    expected = set() if due_on_offset is None else {(contract.pk, TODAY)}
    assert _due(certificate_due_due) == expected


def test_missed_certificate_reminder_is_caught_by_the_look_back():
    contract = _ended(TODAY - timedelta(days=4), status="completed")  # due 3 days ago
    MembershipFactory(association=contract.association)
    assert _due(certificate_due_due, lookback_days=7) == {(contract.pk, TODAY - timedelta(days=3))}


def test_issued_certificate_stops_the_reminder():
    contract = _ended(TODAY - timedelta(days=1), certificate_issued_at=timezone.now())
    MembershipFactory(association=contract.association)
    assert _due(certificate_due_due) == set()


def test_certificate_reminder_goes_to_the_administrators_only():
    contract = _ended(TODAY - timedelta(days=1), status="active")
    admin = MembershipFactory(association=contract.association).user
    MembershipFactory(association=contract.association, role="editor")
    (due,) = certificate_due_due(TODAY, 0)
    assert [user.pk for user in due.recipients] == [admin.pk]


def test_certificate_due_after_an_early_end_counts_from_the_actual_last_day():
    end = TODAY + timedelta(days=200)
    contract = _contract(
        start=_year_to(end),
        end=end,
        status="ended_early",
        ended_on=TODAY - timedelta(days=1),
        end_reason="mutual",
    )
    MembershipFactory(association=contract.association)
    assert _due(certificate_due_due) == {(contract.pk, TODAY)}


# --- End-of-mission aids: the day after the end ------------------------------------------------


@pytest.mark.parametrize(("days_since_last_day", "due"), [(0, False), (1, True), (2, False)])
def test_aids_reminder_falls_due_the_day_after_the_last_day(days_since_last_day, due):
    contract = _ended(TODAY - timedelta(days=days_since_last_day))
    expected = {(contract.pk, TODAY)} if due else set()
    assert _due(end_of_mission_aids_due) == expected


def test_aids_reminder_goes_to_the_volunteer_only():
    contract = _ended(TODAY - timedelta(days=1))
    MembershipFactory(association=contract.association)
    (due,) = end_of_mission_aids_due(TODAY, 0)
    assert [user.pk for user in due.recipients] == [contract.volunteer.user_id]


def test_aids_reminder_after_an_early_end_follows_the_actual_last_day():
    end = TODAY + timedelta(days=100)
    contract = _contract(
        start=_year_to(end),
        end=end,
        status="ended_early",
        ended_on=TODAY - timedelta(days=1),
        end_reason="health",
        compelling_reason=True,
    )
    assert _due(end_of_mission_aids_due) == {(contract.pk, TODAY)}


def test_no_aids_reminder_for_an_anonymised_contract():
    contract = _ended(TODAY - timedelta(days=1))
    Contract.objects.filter(pk=contract.pk).update(volunteer=None)
    assert _due(end_of_mission_aids_due) == set()


# --- Insertion premium deadline: 60 and 14 days before it --------------------------------------


def _last_day_for_deadline_in(days: int) -> date:
    """The last day whose premium deadline (last day + 12 months) is `days` after TODAY."""
    return add_months(TODAY + timedelta(days=days), -12)


@pytest.mark.parametrize(
    ("days", "due"),
    [(61, False), (60, True), (59, False), (15, False), (14, True), (13, False)],
)
def test_premium_reminder_falls_due_60_and_14_days_before_the_deadline(days, due):
    contract = _ended(_last_day_for_deadline_in(days))
    expected = {(contract.pk, TODAY)} if due else set()
    assert _due(insertion_premium_deadline_due) == expected


def test_requested_premium_stops_its_reminders():
    _ended(_last_day_for_deadline_in(60), insertion_premium_requested_on=TODAY - timedelta(days=9))
    assert _due(insertion_premium_deadline_due) == set()


def test_no_premium_reminder_when_the_contract_does_not_open_the_premium():
    _ended(_last_day_for_deadline_in(60), months=11)  # shorter than 12 months
    _ended(_last_day_for_deadline_in(60), country="RE", allowance_eur=900)  # hosted in France
    assert _due(insertion_premium_deadline_due) == set()


def test_premium_deadline_from_29_february_is_found():
    # Last day 29 Feb 2028: the deadline is 28 Feb 2029 (no 29 Feb), 60 days before = 30 Dec 2028.
    contract = _ended(date(2028, 2, 29))
    today = date(2029, 2, 28) - timedelta(days=60)
    assert _due(insertion_premium_deadline_due, today=today) == {(contract.pk, today)}


def test_premium_reminder_goes_to_the_volunteer_only():
    contract = _ended(_last_day_for_deadline_in(14))
    MembershipFactory(association=contract.association)
    (due,) = insertion_premium_deadline_due(TODAY, 0)
    assert [user.pk for user in due.recipients] == [contract.volunteer.user_id]


# --- Sending: once, in the recipient's language, with the link to act on ------------------------


@pytest.fixture
def today():
    return timezone.localdate()


def test_departure_reminder_is_sent_once_in_each_recipients_language(today):
    start = today + timedelta(days=30)
    contract = _contract(
        start=start,
        end=_year_from(start),
        volunteer=VolunteerFactory(user__preferred_language="en"),
    )
    admin = MembershipFactory(
        association=contract.association, user=UserFactory(preferred_language="fr")
    ).user
    first = reminders_scan(kind="departure_prerequisites", today=today)
    second = reminders_scan(kind="departure_prerequisites", today=today)
    assert (first.sent, second.sent, second.inserted) == (2, 0, 0)
    by_address = {message.to[0]: message for message in mail.outbox}
    english = by_address[contract.volunteer.user.email]
    french = by_address[admin.email]
    assert "Some departure prerequisites are still missing" in english.body
    assert "The insurance policy reference is not recorded." in english.body
    assert "/missions/my-contracts/" in english.body or "/me/vsi/" in english.body
    assert "formalités de départ manquent encore" in french.body
    assert english.alternatives and french.alternatives
    assert Notification.objects.filter(kind="departure_prerequisites").count() == 2


def test_departure_reminder_is_cancelled_when_the_checklist_is_completed_before_sending(today):
    start = today + timedelta(days=30)
    contract = _contract(start=start, end=_year_from(start))
    from notifications.reminders import get_kind
    from notifications.services import _due_rows

    rows = _due_rows(get_kind("departure_prerequisites"), today=today, lookback_days=0)
    Reminder.objects.bulk_create(rows)
    Contract.objects.filter(pk=contract.pk).update(**_complete_checklist(start))
    result = reminders_scan(kind="departure_prerequisites", today=today)
    assert (result.sent, result.cancelled) == (0, 1)
    assert mail.outbox == []


def test_premium_reminder_is_cancelled_once_the_volunteer_says_it_was_requested(today):
    contract = _ended(add_months(today + timedelta(days=60), -12))
    from notifications.reminders import get_kind
    from notifications.services import _due_rows

    Reminder.objects.bulk_create(
        _due_rows(get_kind("insertion_premium_deadline"), today=today, lookback_days=0)
    )
    Contract.objects.filter(pk=contract.pk).update(insertion_premium_requested_on=today)
    result = reminders_scan(kind="insertion_premium_deadline", today=today)
    assert (result.sent, result.cancelled) == (0, 1)


def test_certificate_reminder_in_french_links_to_the_staff_contract_page(today):
    contract = _ended(today - timedelta(days=1), status="active")
    staff = MembershipFactory(
        association=contract.association, user=UserFactory(preferred_language="fr")
    ).user
    assert reminders_scan(kind="certificate_due", today=today).sent == 1
    (message,) = mail.outbox
    assert message.to == [staff.email]
    assert "attestation de fin de mission" in message.body
    notification = Notification.objects.get(recipient=staff)
    assert notification.link != "/me/vsi/"


def test_volunteer_who_muted_mission_ending_gets_none_but_staff_do(today):
    end = today + timedelta(days=60)
    contract = _contract(start=_year_to(end), end=end, status="active")
    staff = MembershipFactory(association=contract.association).user
    NotificationPreference.objects.create(
        user=contract.volunteer.user, muted_kinds=["mission_ending"]
    )
    assert reminders_scan(kind="mission_ending", today=today).sent == 1
    assert [message.to for message in mail.outbox] == [[staff.email]]


SUBJECT_WORDS = {
    "en": {
        "departure_prerequisites": "checklist is not complete",
        "mission_ending": "ends on",
        "end_of_mission_aids": "end-of-mission aids",
        "insertion_premium_deadline": "request it by",
    },
    "fr": {
        "departure_prerequisites": "formalités de départ",
        "mission_ending": "se termine le",
        "end_of_mission_aids": "aides de fin de mission",
        "insertion_premium_deadline": "demandez-la",
    },
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_volunteer_kind_is_written_in_the_volunteers_language(today, language):
    # One volunteer per contract: a volunteer's contracts never share a day.
    def volunteer():
        return VolunteerFactory(user__preferred_language=language)

    start = today + timedelta(days=30)
    _contract(start=start, end=_year_from(start), volunteer=volunteer())
    end = today + timedelta(days=14)
    _contract(start=_year_to(end), end=end, status="active", volunteer=volunteer())
    _ended(today - timedelta(days=1), volunteer=volunteer())
    _ended(add_months(today + timedelta(days=14), -12), volunteer=volunteer())
    for code, words in SUBJECT_WORDS[language].items():
        mail.outbox = []
        assert reminders_scan(kind=code, today=today).sent == 1, code
        (message,) = mail.outbox
        assert words in message.subject, (code, message.subject)
        html = message.alternatives[0][0]
        assert f'<html lang="{language}">' in html
        greeting = {"en": "Hello", "fr": "Bonjour"}[language]
        _header, body = message.body.split("\n\n", 1)  # under the portal's name
        assert body.startswith(greeting)


# --- Cost: the scans do not grow with contracts that are not due --------------------------------


def _scan_queries(kind_due, today):
    with CaptureQueriesContext(connection) as context:
        list(kind_due(today, 7))
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "due_function",
    [
        departure_prerequisites_due,
        mission_ending_due,
        certificate_due_due,
        end_of_mission_aids_due,
        insertion_premium_deadline_due,
    ],
)
def test_scan_query_count_does_not_grow_with_contracts_not_due(due_function):
    def not_due(n):
        for i in range(n):
            # Running contracts far from every date, and ended ones long ago with a certificate.
            start = TODAY - timedelta(days=100 + i)
            _contract(start=start, end=start + timedelta(days=500), status="active")
            _ended(TODAY - timedelta(days=800 + i), certificate_issued_at=timezone.now())

    # one contract due, so the chunk's staff query runs in both measures
    start = TODAY + timedelta(days=30)
    _contract(start=start, end=_year_from(start))
    end = TODAY + timedelta(days=60)
    _contract(start=_year_to(end), end=end, status="active")
    _ended(TODAY - timedelta(days=1), status="active")
    _ended(add_months(TODAY + timedelta(days=60), -12))
    not_due(1)
    one = _scan_queries(due_function, TODAY)
    not_due(49)
    assert _scan_queries(due_function, TODAY) == one

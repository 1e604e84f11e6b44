"""The reminder engine: exactly once, retries, muting, languages, cost."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from notifications import services
from notifications.models import Notification, NotificationPreference, Reminder
from notifications.reminders import (
    _REGISTRY,
    Due,
    ReminderKind,
    Rendered,
    register,
    unregister,
)
from tests.factories import AssociationFactory, MembershipFactory, UserFactory

from .conftest import FailingOnceBackend, OutboxBackend

KIND = "approval_expiring"


def scan(today, **kwargs):
    return services.reminders_scan(kind=KIND, today=today, **kwargs)


@pytest.mark.django_db
def test_scan_sends_one_email_and_one_notification_per_recipient(expiring, fv_admin, today, outbox):
    association, admin = expiring
    result = scan(today)
    assert (result.inserted, result.sent, result.failed) == (2, 2, 0)
    assert sorted(m.to[0] for m in outbox) == sorted([admin.email, fv_admin.email])
    assert Notification.objects.filter(recipient=admin, kind=KIND).count() == 1
    assert Notification.objects.filter(recipient=fv_admin, kind=KIND).count() == 1
    assert set(Reminder.objects.values_list("state", flat=True)) == {"sent"}
    assert association.name in outbox[0].subject


@pytest.mark.django_db
def test_a_repeated_scan_the_same_day_sends_nothing(expiring, today, outbox):
    scan(today)
    outbox.clear()
    result = scan(today)
    assert (result.inserted, result.sent) == (0, 0)
    assert outbox == []
    assert Notification.objects.count() == 1


@pytest.mark.django_db
def test_the_next_day_the_look_back_does_not_send_the_same_reminder_again(expiring, today, outbox):
    scan(today)
    scan(today + timedelta(days=1))
    assert len(outbox) == 1


@pytest.mark.django_db
def test_a_failed_send_returns_to_pending_and_goes_out_at_the_next_run(
    expiring, today, settings, outbox
):
    settings.EMAIL_BACKEND = "tests.notifications.conftest.FailingOnceBackend"
    FailingOnceBackend.failures_left = 1
    first = scan(today)
    assert (first.sent, first.failed) == (0, 1)
    reminder = Reminder.objects.get()
    assert reminder.state == "pending"
    assert "SMTP server unreachable" in reminder.last_error
    assert Notification.objects.count() == 0

    second = scan(today + timedelta(days=1))
    assert (second.sent, second.failed) == (1, 0)
    reminder.refresh_from_db()
    assert (reminder.state, reminder.attempts, reminder.last_error) == ("sent", 2, "")
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


@pytest.mark.django_db
def test_a_reminder_left_sending_by_a_dead_worker_is_reclaimed_after_the_stale_delay(
    expiring, today, outbox
):
    association, admin = expiring
    Reminder.objects.bulk_create(
        [
            Reminder(
                kind=KIND,
                subject_type_id=_content_type_id(association),
                subject_id=association.pk,
                due_on=today,
                recipient=admin,
                state="sending",
                attempts=1,
                claimed_at=timezone.now() - timedelta(minutes=5),
            )
        ]
    )
    assert scan(today).sent == 0  # still being sent by someone else
    Reminder.objects.update(claimed_at=timezone.now() - services.STALE_CLAIM - timedelta(1))
    assert scan(today).sent == 1
    assert len(outbox) == 1


def _content_type_id(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


@pytest.mark.django_db
@pytest.mark.parametrize("group", [1, services.SEND_GROUP])
def test_a_second_scan_during_a_send_does_not_send_the_same_reminder(
    expiring, fv_admin, today, settings, outbox, monkeypatch, group
):
    """Two workers racing: while the first is sending, the second runs a whole scan.

    One reminder per group: the racing scan takes the other recipient's row, never the one
    being sent. A whole group: both rows are already the first scan's, the racing scan
    takes none."""
    monkeypatch.setattr(services, "SEND_GROUP", group)
    settings.EMAIL_BACKEND = "tests.notifications.test_engine.RacingBackend"
    RacingBackend.today = today
    RacingBackend.inner_results = []
    first = scan(today)
    (inner,) = RacingBackend.inner_results  # the racing scan ran once, during the first send
    assert (first.sent, inner.sent) == ((1, 1) if group == 1 else (2, 0))
    assert len(outbox) == 2
    assert sorted(m.to[0] for m in outbox) == sorted([expiring[1].email, fv_admin.email])
    assert Notification.objects.count() == 2
    assert set(Reminder.objects.values_list("state", flat=True)) == {"sent"}


class RacingBackend(OutboxBackend):
    today = None
    inner_results: list = []
    racing = False

    def send_messages(self, messages):
        if not RacingBackend.racing and not RacingBackend.inner_results:
            RacingBackend.racing = True
            try:
                RacingBackend.inner_results.append(
                    services.reminders_scan(kind=KIND, today=RacingBackend.today)
                )
            finally:
                RacingBackend.racing = False
        return super().send_messages(messages)


@pytest.mark.django_db
def test_a_failed_send_in_a_group_leaves_the_others_sent(expiring, fv_admin, today, settings):
    settings.EMAIL_BACKEND = "tests.notifications.conftest.FailingOnceBackend"
    FailingOnceBackend.failures_left = 1
    mail.outbox = []
    result = scan(today)
    assert (result.sent, result.failed) == (1, 1)
    (failed,) = Reminder.objects.filter(state="pending")
    assert "SMTP server unreachable" in failed.last_error
    (sent,) = Reminder.objects.filter(state="sent")
    assert [m.to for m in mail.outbox] == [[sent.recipient.email]]
    assert list(Notification.objects.values_list("recipient", flat=True)) == [sent.recipient_id]


@pytest.mark.django_db
def test_a_group_of_emails_goes_over_one_mail_connection(optional_kind, today, settings):
    association = AssociationFactory()
    optional_kind.append((association, UserFactory.create_batch(5)))
    settings.EMAIL_BACKEND = "tests.notifications.test_engine.CountingBackend"
    CountingBackend.opened = 0
    mail.outbox = []
    assert services.reminders_scan(kind="mission_ending", today=today).sent == 5
    assert len(mail.outbox) == 5
    assert CountingBackend.opened == 1


class CountingBackend(OutboxBackend):
    """The locmem backend, counting the connections opened (an SMTP handshake each)."""

    opened = 0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._open = False

    def open(self):
        if self._open:
            return False
        self._open = True
        CountingBackend.opened += 1
        return True

    def close(self):
        self._open = False

    def send_messages(self, messages):
        new = self.open()
        try:
            return super().send_messages(messages)
        finally:
            if new:
                self.close()


@pytest.mark.django_db
def test_a_row_taken_back_by_another_worker_during_the_send_is_left_to_it(
    expiring, today, settings
):
    """A send so slow that the claim went stale and another worker took the row back:
    this worker neither marks it sent nor creates a notification; the other one will."""
    settings.EMAIL_BACKEND = "tests.notifications.test_engine.TakenBackBackend"
    mail.outbox = []
    result = scan(today)
    assert result.sent == 1  # the e-mail did go out
    reminder = Reminder.objects.get()
    assert (reminder.state, reminder.claimed_at) == ("sending", TakenBackBackend.other_claim)
    assert Notification.objects.count() == 0


class TakenBackBackend(OutboxBackend):
    other_claim = None

    def send_messages(self, messages):
        TakenBackBackend.other_claim = timezone.now() + timedelta(seconds=1)
        Reminder.objects.update(claimed_at=TakenBackBackend.other_claim)
        return super().send_messages(messages)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_scans_send_each_reminder_exactly_once(today, settings):
    """Two threads, each with its own database connection, scan the same day at once."""
    admins = []
    for _ in range(5):
        association = AssociationFactory(approval_expires_on=today + timedelta(days=30))
        admins.append(MembershipFactory(association=association).user)
    mail.outbox = []
    barrier = threading.Barrier(2)
    results, errors = [], []
    lock = threading.Lock()

    def worker():
        try:
            barrier.wait(timeout=10)
            result = _scan_with_retry(today)
            with lock:
                results.append(result)
        except Exception as error:  # reported below, the test must see it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sum(r.sent for r in results) == 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted(a.email for a in admins)
    assert Notification.objects.count() == 5
    assert Reminder.objects.filter(state="sent").count() == 5


_SQLITE_WRITER = threading.Lock()


def _scan_with_retry(today):
    """PostgreSQL runs both scans truly in parallel. SQLite's in-memory test database
    (shared cache) fails a second writer at once instead of waiting, so there the two
    scans take turns, as SQLite would make two processes do; the claim protocol is the
    same, and test_a_second_scan_during_a_send_does_not_send_the_same_reminder
    interleaves two scans inside one send on every database."""
    if connection.vendor != "sqlite":
        return services.reminders_scan(kind=KIND, today=today)
    with _SQLITE_WRITER:
        return services.reminders_scan(kind=KIND, today=today)


@pytest.mark.django_db
def test_reminders_never_go_to_inactive_users(expiring, today, outbox):
    _association, admin = expiring
    admin.is_active = False
    admin.save()
    assert scan(today).inserted == 0
    assert outbox == []


@pytest.mark.django_db
def test_a_reminder_no_longer_due_at_send_time_is_cancelled(expiring, today, outbox, settings):
    association, _admin = expiring
    settings.EMAIL_BACKEND = "tests.notifications.conftest.FailingOnceBackend"
    FailingOnceBackend.failures_left = 1
    scan(today)
    association.approval_expires_on = today + timedelta(days=4 * 365)  # renewed meanwhile
    association.save()
    result = scan(today + timedelta(days=1))
    assert (result.sent, result.cancelled) == (0, 1)
    assert Reminder.objects.get().state == "cancelled"
    assert Notification.objects.count() == 0


@pytest.mark.django_db
def test_dry_run_lists_what_would_be_sent_and_writes_nothing(expiring, today, outbox):
    _association, admin = expiring
    result = scan(today, dry_run=True)
    assert [row[0] for row in result.would_send] == [admin.email]
    assert Reminder.objects.count() == 0
    assert outbox == []


# --- Languages and parts ----------------------------------------------------------------


@pytest.mark.django_db
def test_email_is_in_the_recipients_language_with_text_and_html(expiring, fv_admin, today, outbox):
    association, admin = expiring
    scan(today)
    french = next(m for m in outbox if m.to == [admin.email])
    english = next(m for m in outbox if m.to == [fv_admin.email])
    assert french.subject.startswith("L’agrément")
    assert "expire le" in french.body
    assert english.subject.startswith("The approval of")
    assert "in 90 days" in english.body
    assert '<html lang="en">' in english.alternatives[0][0]
    assert '<html lang="fr">' in french.alternatives[0][0]
    for message in (french, english):
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html"
        assert association.name in html
        assert "http://" in message.body or "https://" in message.body


@pytest.mark.django_db
def test_email_links_to_the_page_to_act_on_with_an_absolute_url(
    expiring, fv_admin, today, outbox, settings
):
    settings.SITE_URL = "https://vsi.example.org"
    association, _admin = expiring
    scan(today)
    english = next(m for m in outbox if m.to == [fv_admin.email])
    link = f"https://vsi.example.org/admin/associations/association/{association.pk}/change/"
    assert link in english.body
    assert link in english.alternatives[0][0]
    notification = Notification.objects.get(recipient=fv_admin)
    assert notification.link == link.removeprefix("https://vsi.example.org")


@pytest.mark.django_db
def test_notification_text_is_stored_in_the_recipients_language(expiring, fv_admin, today):
    scan(today)
    assert Notification.objects.get(recipient=expiring[1]).title.startswith("L’agrément")
    assert Notification.objects.get(recipient=fv_admin).title.startswith("The approval")


# --- Muting ------------------------------------------------------------------------------


@pytest.fixture
def optional_kind():
    """A non-essential kind for the test (mission ending, until contracts exist)."""
    subjects = []

    def due(today, lookback_days):
        for subject, users in subjects:
            yield Due(subject=subject, due_on=today, recipients=users)

    def render(reminder):
        return Rendered(title="Ending", summary="Ending soon", text="t", html="<p>h</p>", link="/")

    real = _REGISTRY.get("mission_ending")  # the contracts' kind, put back afterwards
    unregister("mission_ending")
    register(
        ReminderKind(
            code="mission_ending",
            label="Mission ending",
            essential=False,
            offsets=(0,),
            due=due,
            render=render,
        )
    )
    yield subjects
    unregister("mission_ending")
    if real is not None:
        register(real)


@pytest.mark.django_db
def test_a_muted_non_essential_kind_is_not_sent(optional_kind, today, outbox):
    association = AssociationFactory()
    muting, listening = UserFactory(), UserFactory()
    optional_kind.append((association, [muting, listening]))
    services.notification_preference_update(user=muting, muted_kinds=["mission_ending"])
    result = services.reminders_scan(kind="mission_ending", today=today)
    assert result.sent == 1
    assert [m.to for m in outbox] == [[listening.email]]


@pytest.mark.django_db
def test_an_essential_kind_cannot_be_muted(today):
    user = UserFactory()
    with pytest.raises(services.NotificationError):
        services.notification_preference_update(user=user, muted_kinds=[KIND])
    assert not NotificationPreference.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_a_muted_essential_kind_recorded_anyhow_is_still_sent(expiring, today, outbox):
    _association, admin = expiring
    NotificationPreference.objects.create(user=admin, muted_kinds=[KIND])
    assert scan(today).sent == 1


# --- Cost ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_scan_query_count_does_not_grow_with_associations_not_due(
    expiring, today, django_assert_num_queries
):
    AssociationFactory(approval_expires_on=today + timedelta(days=200))
    scan(today)  # the due one is sent: both measured runs find nothing new to send
    with CaptureQueriesContext(connection) as one:
        scan(today)
    for days in range(49):
        AssociationFactory(approval_expires_on=today + timedelta(days=100 + days))
    with django_assert_num_queries(len(one.captured_queries)):
        scan(today)


@pytest.mark.django_db
def test_scan_sending_a_reminder_costs_the_same_whatever_the_associations_not_due(
    expiring, today, django_assert_num_queries
):
    AssociationFactory(approval_expires_on=today + timedelta(days=200))
    scan(today, dry_run=True)  # warms the content type cache for both measured runs
    with CaptureQueriesContext(connection) as one:
        assert scan(today).sent == 1
    Reminder.objects.all().delete()
    Notification.objects.all().delete()
    for days in range(49):
        AssociationFactory(approval_expires_on=today + timedelta(days=100 + days))
    with django_assert_num_queries(len(one.captured_queries)):
        assert scan(today).sent == 1


@pytest.mark.django_db
def test_sending_a_group_costs_the_same_queries_whatever_its_size(
    optional_kind, today, django_assert_num_queries
):
    """Claim, mark and notifications are one statement each per group, not per reminder."""
    association = AssociationFactory()
    optional_kind.append((association, UserFactory.create_batch(2)))
    services.reminders_scan(kind="mission_ending", today=today, dry_run=True)  # warm caches
    with CaptureQueriesContext(connection) as two:
        assert services.reminders_scan(kind="mission_ending", today=today).sent == 2
    Reminder.objects.all().delete()
    Notification.objects.all().delete()
    optional_kind[0] = (association, UserFactory.create_batch(services.SEND_GROUP))
    with django_assert_num_queries(len(two.captured_queries)):
        result = services.reminders_scan(kind="mission_ending", today=today)
    assert result.sent == services.SEND_GROUP

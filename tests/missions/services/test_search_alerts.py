"""The saved searches' alerts: what is new, to whom, once, in whose language."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from missions.alert_links import read_unsubscribe_token
from missions.models import SavedSearch, SearchAlert
from missions.services.search_alerts import search_alerts_send
from notifications.models import Notification
from tests.factories import VolunteerFactory
from tests.missions.alerts import NOW, TODAY, YESTERDAY, published, saved_search
from vsi_portal.outbox.models import OutboxMessage
from vsi_portal.outbox.sending import outbox_send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _morning():
    with time_machine.travel(NOW, tick=False):
        yield


def _run(**kwargs):
    return search_alerts_send(today=TODAY, **kwargs)


def _bodies(volunteer) -> list[str]:
    return list(
        OutboxMessage.objects.filter(to=volunteer.user.email).values_list("text", flat=True)
    )


def test_a_due_search_gets_the_missions_published_since_its_last_alert(volunteer):
    search = saved_search(volunteer, "country=SN")
    published(title="Nouvelle au Sénégal", country="SN")
    published(title="Avant la dernière alerte", country="SN", at=YESTERDAY - timedelta(hours=1))
    run = _run()
    assert run.sent == 1
    (body,) = _bodies(volunteer)
    assert "Nouvelle au Sénégal" in body
    assert "Avant la dernière alerte" not in body
    search.refresh_from_db()
    assert search.last_alert_on == TODAY
    assert search.alerts_since == NOW


def test_nothing_new_sends_nothing_and_the_search_stays_due(volunteer):
    search = saved_search(volunteer, "country=SN")
    published(country="MA")
    assert _run().sent == 0
    assert OutboxMessage.objects.count() == 0
    assert Notification.objects.count() == 0
    search.refresh_from_db()
    assert search.last_alert_on is None


def test_a_repeated_run_sends_nothing_more(volunteer):
    saved_search(volunteer, "country=SN")
    published(country="SN")
    assert _run().sent == 1
    published(country="SN", at=NOW - timedelta(minutes=5))
    assert _run().sent == 0
    assert OutboxMessage.objects.count() == 1
    assert SearchAlert.objects.count() == 1


def test_the_next_day_sends_only_what_was_published_after_the_first_alert(volunteer):
    saved_search(volunteer, "country=SN")
    published(title="Premier jour", country="SN")
    _run()
    published(title="Second jour", country="SN", at=NOW + timedelta(hours=3))
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        assert search_alerts_send(today=TODAY + timedelta(days=1)).sent == 1
    latest = OutboxMessage.objects.order_by("-pk").first()
    assert "Second jour" in latest.text
    assert "Premier jour" not in latest.text


def test_a_weekly_search_waits_seven_days_after_its_last_alert(volunteer):
    saved_search(volunteer, "country=SN", frequency="weekly")
    published(country="SN")
    assert _run().sent == 1
    for days in range(1, 7):
        published(country="SN", at=NOW + timedelta(days=days - 1, hours=1))
        with time_machine.travel(NOW + timedelta(days=days), tick=False):
            assert search_alerts_send(today=TODAY + timedelta(days=days)).sent == 0
    with time_machine.travel(NOW + timedelta(days=7), tick=False):
        assert search_alerts_send(today=TODAY + timedelta(days=7)).sent == 1


def test_a_search_without_alert_is_never_sent(volunteer):
    saved_search(volunteer, "country=SN", frequency="none")
    published(country="SN")
    assert _run().sent == 0


def test_one_email_per_volunteer_groups_all_their_due_searches(volunteer):
    saved_search(volunteer, "country=SN", name="Sénégal")
    saved_search(volunteer, "domain=health", name="Santé", frequency="weekly")
    other = VolunteerFactory()
    saved_search(other, "country=SN", name="Mon Sénégal")
    published(title="École à Dakar", country="SN")
    published(title="Dispensaire à Rabat", country="MA", domain="health")
    run = _run()
    assert run.sent == 2
    (body,) = _bodies(volunteer)
    assert "Sénégal" in body and "Santé" in body
    assert "École à Dakar" in body and "Dispensaire à Rabat" in body
    assert Notification.objects.filter(recipient=volunteer.user, kind="search_alert").count() == 1
    assert SearchAlert.objects.count() == 3
    assert run.counts["daily"].alerted == 2
    assert run.counts["weekly"].alerted == 1


def test_the_email_is_in_the_volunteer_s_language_with_country_dates_allowance_and_link():
    english = VolunteerFactory(user__preferred_language="en")
    french = VolunteerFactory(user__preferred_language="fr")
    saved_search(english, "country=SN", name="Senegal")
    saved_search(french, "country=SN", name="Sénégal")
    mission = published(title="Teacher", country="SN", allowance_eur=1200)
    _run()
    (en,) = OutboxMessage.objects.filter(to=english.user.email)
    (fr,) = OutboxMessage.objects.filter(to=french.user.email)
    assert en.subject == "1 new mission for your search “Senegal”"
    assert "Senegal" in en.text and "€1,200 a month" in en.text
    assert mission.get_absolute_url() in en.text and mission.get_absolute_url() in en.html
    assert "Sénégal" in fr.text and "1\u00a0200\u00a0€ par mois" in fr.text
    assert fr.subject.startswith("1 nouvelle mission")
    assert en.language == "en" and fr.language == "fr"
    assert "<html" in en.html


def test_the_email_carries_the_one_click_unsubscribe_headers(volunteer):
    search = saved_search(volunteer, "country=SN")
    published(country="SN")
    _run()
    outbox_send()
    (message,) = mail.outbox
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http") and "/missions/alerts/unsubscribe/" in header
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token = header.rstrip("/>").rsplit("/", 1)[1]
    assert read_unsubscribe_token(token).saved_search_ids == (search.pk,)


def test_a_dry_run_says_what_it_would_send_and_writes_nothing(volunteer):
    saved_search(volunteer, "country=SN", name="Sénégal")
    published(country="SN")
    run = _run(dry_run=True)
    assert run.would_send == [(volunteer.user.email, "Sénégal", 1)]
    assert OutboxMessage.objects.count() == 0
    assert SavedSearch.objects.get().last_alert_on is None


def test_an_inactive_account_gets_nothing(volunteer):
    volunteer.user.is_active = False
    volunteer.user.save()
    saved_search(volunteer, "country=SN")
    published(country="SN")
    assert _run().sent == 0


def test_a_long_list_shows_ten_missions_and_a_link_to_the_rest(volunteer):
    saved_search(volunteer, "country=SN")
    for n in range(12):
        published(title=f"Mission numéro {n:02d}", country="SN", at=NOW - timedelta(minutes=n + 1))
    _run()
    (body,) = _bodies(volunteer)
    assert body.count("Mission numéro") == 10
    assert "Mission numéro 00" in body and "Mission numéro 10" not in body


def _scan_queries(count: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        search_alerts_send(today=TODAY, dry_run=True)
    return len(queries)


def test_the_scan_s_queries_do_not_grow_with_missions_that_are_not_new():
    for n in range(3):
        saved_search(VolunteerFactory(), "country=SN", eligible=n % 2 == 0)
    published(country="SN")
    for _ in range(3):
        published(country="SN", at=YESTERDAY - timedelta(days=2))
    few = _scan_queries(1)
    for _ in range(30):
        published(country="SN", at=YESTERDAY - timedelta(days=2))
    assert _scan_queries(2) == few

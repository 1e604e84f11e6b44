"""The notifications pages: list, mark read, mark all read, reminder settings."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification, NotificationPreference
from notifications.reminders import _REGISTRY, ReminderKind, Rendered, register, unregister
from tests.factories import MembershipFactory, UserFactory, VolunteerFactory

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")
SETTINGS = reverse("notifications:settings")
READ_ALL = reverse("notifications:read_all")


def notify(user, n=1, **kwargs):
    return [
        Notification.objects.create(
            recipient=user,
            kind="approval_expiring",
            title=kwargs.get("title", f"Reminder {i}"),
            body="Body",
            link=kwargs.get("link", "/"),
        )
        for i in range(n)
    ]


def read_url(notification):
    return reverse("notifications:read", args=[notification.pk])


# --- List ---------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_owner_sees_their_notifications_newest_first_with_unread_highlighted(client):
    user = UserFactory()
    older, newer = notify(user, title="Older")[0], notify(user, title="Newer")[0]
    older.read_at = timezone.now()
    older.save()
    client.force_login(user)
    response = client.get(LIST)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.index("Newer") < content.index("Older")
    assert list(response.context["page"].object_list) == [newer, older]
    assert content.count("border-primary") == 1


def test_others_notifications_are_not_listed(client):
    owner, outsider = UserFactory(), MembershipFactory().user
    notify(owner, title="Private to the owner")
    client.force_login(outsider)
    assert "Private to the owner" not in client.get(LIST).content.decode()


def test_header_shows_the_unread_count(client):
    user = UserFactory()
    notify(user, 3)
    client.force_login(user)
    content = client.get(reverse("home")).content.decode()
    assert '<span class="badge text-bg-danger">3' in content


def test_list_query_count_is_the_same_for_1_and_50_notifications(client, django_assert_num_queries):
    user = UserFactory()
    notify(user)
    client.force_login(user)
    client.get(LIST)  # warms the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(LIST).status_code == 200
    notify(user, 49)
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(LIST).status_code == 200


def test_list_is_paginated(client):
    user = UserFactory()
    notify(user, 25)
    client.force_login(user)
    assert len(client.get(LIST).context["page"].object_list) == 20
    assert len(client.get(LIST + "?page=2").context["page"].object_list) == 5
    assert client.get(LIST + "?page=abc").status_code == 200


# --- Mark read ----------------------------------------------------------------------------


def test_owner_marks_one_notification_read(client):
    user = UserFactory()
    (notification,) = notify(user)
    client.force_login(user)
    response = client.post(read_url(notification))
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_open_marks_read_and_goes_to_the_notifications_link(client):
    user = UserFactory()
    (notification,) = notify(user, link="/missions/")
    client.force_login(user)
    response = client.post(read_url(notification), {"next": "link"})
    assert response["Location"] == "/missions/"


def test_mark_read_ignores_a_next_address_on_another_site(client):
    user = UserFactory()
    (notification,) = notify(user)
    client.force_login(user)
    response = client.post(read_url(notification), {"next": "https://evil.example.com/"})
    assert response["Location"] == LIST


def test_mark_read_is_post_only(client):
    user = UserFactory()
    (notification,) = notify(user)
    client.force_login(user)
    assert client.get(read_url(notification)).status_code == 405


def test_anonymous_cannot_mark_read(client):
    (notification,) = notify(UserFactory())
    response = client.post(read_url(notification))
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.parametrize("outsider", ["association_member", "volunteer"])
def test_outsider_gets_404_marking_someone_elses_notification(client, outsider):
    (notification,) = notify(UserFactory())
    user = MembershipFactory().user if outsider == "association_member" else VolunteerFactory().user
    client.force_login(user)
    assert client.post(read_url(notification)).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_touches_only_the_owners_notifications(client):
    user, other = UserFactory(), UserFactory()
    notify(user, 3)
    (others,) = notify(other)
    client.force_login(user)
    response = client.post(READ_ALL)
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    others.refresh_from_db()
    assert others.read_at is None


def test_mark_all_read_is_post_only_and_needs_login(client):
    assert client.post(READ_ALL).status_code == 302
    client.force_login(UserFactory())
    assert client.get(READ_ALL).status_code == 405


# --- Settings -----------------------------------------------------------------------------


@pytest.fixture
def optional_kind():
    def render(reminder):
        return Rendered(title="t", summary="s", text="t", html="h", link="/")

    real = _REGISTRY.get("mission_ending")  # the contracts' kind, put back afterwards
    unregister("mission_ending")
    register(
        ReminderKind(
            code="mission_ending",
            label="Mission ending",
            essential=False,
            offsets=(60, 14),
            due=lambda t, lb: [],
            render=render,
        )
    )
    yield
    unregister("mission_ending")
    if real is not None:
        register(real)


def test_settings_need_login(client):
    assert client.get(SETTINGS).status_code == 302


def test_settings_show_essential_kinds_as_always_on_and_disabled(client):
    client.force_login(UserFactory(preferred_language="en"))
    response = client.get(SETTINGS, HTTP_ACCEPT_LANGUAGE="en")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Association approval expiring" in content
    assert "legal deadline" in content
    assert response.context["form"].fields["approval_expiring"].disabled


OTHER_OPTIONAL_KINDS = ("applications_waiting", "application_expiry_warning")


def test_owner_mutes_a_non_essential_kind(client, optional_kind):
    user = UserFactory()
    client.force_login(user)
    # The other non-essential kinds (the weekly digest of applications waiting, the warning
    # of applications closing without an answer) stay on.
    response = client.post(
        SETTINGS,
        {"approval_expiring": "", **dict.fromkeys(OTHER_OPTIONAL_KINDS, "on")},
    )
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=user).muted_kinds == ["mission_ending"]


def test_owner_turns_a_muted_kind_back_on(client, optional_kind):
    user = UserFactory()
    NotificationPreference.objects.create(user=user, muted_kinds=["mission_ending"])
    client.force_login(user)
    client.post(SETTINGS, {"mission_ending": "on", **dict.fromkeys(OTHER_OPTIONAL_KINDS, "on")})
    assert NotificationPreference.objects.get(user=user).muted_kinds == []


def test_an_essential_kind_stays_on_even_when_a_crafted_form_unticks_it(client):
    user = UserFactory()
    client.force_login(user)
    client.post(SETTINGS, {})
    preference = NotificationPreference.objects.filter(user=user).first()
    assert preference is None or "approval_expiring" not in preference.muted_kinds


def test_settings_page_is_in_french_by_default(client):
    client.force_login(UserFactory())
    content = client.get(SETTINGS).content.decode()
    assert "Réglages des rappels" in content
    assert "échéance légale" in content


# --- Header count ---------------------------------------------------------------------------


def test_header_count_costs_no_query_for_anonymous_visitors(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home"))
    assert not any("notifications_notification" in q["sql"] for q in queries.captured_queries)


def test_header_facts_are_one_query_for_a_signed_in_person(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = UserFactory()
    notify(user, 2)
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home"))
    counts = [
        q["sql"] for q in queries.captured_queries if "notifications_notification" in q["sql"]
    ]
    # The unread count shares one query with the header's other fact (staff or not).
    assert len(counts) == 1
    assert "COUNT" in counts[0].upper()
    assert "associations_membership" in counts[0]


def test_header_shows_no_badge_once_everything_is_read(client):
    user = UserFactory()
    notify(user, 2)
    client.force_login(user)
    client.post(READ_ALL)
    assert "text-bg-danger" not in client.get(reverse("home")).content.decode()

"""Password-reset e-mails: at most PASSWORD_RESET_EMAILS_PER_DAY to one address in 24 hours.

allauth's own rate limit (`ACCOUNT_RATE_LIMITS["reset_password"]`), counted on the
normalised address, so that variants of an address share the count.
"""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory
from tests.mail import committed

pytestmark = pytest.mark.django_db

LIMIT = settings.PASSWORD_RESET_EMAILS_PER_DAY


def _ask(client, email: str, language: str = "en"):
    client.cookies["django_language"] = language
    with committed():
        return client.post(reverse("account_reset_password"), {"email": email})


def test_the_limit_is_three_a_day():
    assert LIMIT == 3
    assert f"{LIMIT}/1d/key" in settings.ACCOUNT_RATE_LIMITS["reset_password"]


def test_the_last_reset_within_the_limit_is_emailed(client, outbox):
    UserFactory(email="lea@example.org")
    responses = [_ask(client, "lea@example.org") for _ in range(LIMIT)]
    assert [response.status_code for response in responses] == [302] * LIMIT
    assert len(outbox) == LIMIT


def test_a_reset_past_the_limit_is_refused_with_a_clear_page_and_no_email(client, outbox):
    UserFactory(email="lea@example.org")
    for _ in range(LIMIT):
        _ask(client, "lea@example.org")
    response = _ask(client, "lea@example.org")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many password reset requests" in page
    assert f"at most {LIMIT} password reset e-mails go to one address in 24 hours" in page
    assert len(outbox) == LIMIT


def test_the_refusal_page_is_in_french_too(client):
    UserFactory(email="lea@example.org")
    for _ in range(LIMIT):
        _ask(client, "lea@example.org", language="fr")
    page = _ask(client, "lea@example.org", language="fr").content.decode()
    assert "Trop de demandes de réinitialisation du mot de passe" in page
    assert f"au plus {LIMIT} e-mails de réinitialisation" in page


def test_variants_of_an_address_share_its_count(client, outbox):
    UserFactory(email="lea@example.org")
    for email in ("LEA@example.org", "ＬＥＡ@example.org", "lea@EXAMPLE.org"):
        _ask(client, email)
    assert _ask(client, "lea@example.org").status_code == 429
    assert len(outbox) == LIMIT


def test_addresses_without_an_account_are_counted_the_same(client, outbox):
    """Otherwise the limit would tell which addresses have an account."""
    for _ in range(LIMIT):
        assert _ask(client, "nobody@example.org").status_code == 302
    assert _ask(client, "nobody@example.org").status_code == 429


def test_another_address_keeps_its_own_count(client, outbox):
    UserFactory(email="lea@example.org")
    UserFactory(email="tom@example.org")
    for _ in range(LIMIT):
        _ask(client, "lea@example.org")
    assert _ask(client, "tom@example.org").status_code == 302


def test_a_day_later_the_address_can_ask_again(client, outbox, monkeypatch):
    UserFactory(email="lea@example.org")
    for _ in range(LIMIT):
        _ask(client, "lea@example.org")
    a_day_later = time.time() + 24 * 60 * 60 + 1

    class _Clock:
        """allauth's rate limits read the time from here; the rest as it is."""

        def __getattr__(self, name):
            return getattr(time, name)

        def time(self) -> float:
            return a_day_later

    monkeypatch.setattr("allauth.core.internal.ratelimit.time", _Clock())
    assert _ask(client, "lea@example.org").status_code == 302


def test_other_rate_limits_answer_with_the_general_page(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/m/ip"}
    client.cookies["django_language"] = "en"
    client.post(reverse("account_signup"), {})
    response = client.post(reverse("account_signup"), {})
    assert response.status_code == 429
    assert "You sent too many requests in a short time." in response.content.decode()

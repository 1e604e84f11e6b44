from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import AssociationFactory, MembershipFactory, UserFactory


class OutboxBackend:
    """A mail backend that delivers to ``mail.outbox``, opened and closed as an SMTP one
    is; the test backends below add what happens around a send."""

    def __init__(self, *args, **kwargs) -> None:
        from django.core.mail.backends.locmem import EmailBackend

        self._inner = EmailBackend(*args, **kwargs)

    def open(self):
        return True

    def close(self):
        return None

    def send_messages(self, messages):
        return self._inner.send_messages(messages)


class FailingOnceBackend(OutboxBackend):
    """A mail backend whose first send raises, as an SMTP server that is down would."""

    failures_left = 0

    def send_messages(self, messages):
        if FailingOnceBackend.failures_left > 0:
            FailingOnceBackend.failures_left -= 1
            raise ConnectionRefusedError("SMTP server unreachable")
        return super().send_messages(messages)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The factories hash a password per user; these tests never check one."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def expiring(today):
    """An association whose approval expires in exactly 90 days, with one French admin."""
    association = AssociationFactory(approval_expires_on=today + timedelta(days=90))
    admin = MembershipFactory(association=association, role="admin").user
    return association, admin


@pytest.fixture
def fv_admin():
    return UserFactory(is_staff=True, preferred_language="en", email="fv-admin@example.org")
